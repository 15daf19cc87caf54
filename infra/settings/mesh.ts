/** Settings of the in-cluster components: where charts come from. */
import { ConfigReader, SettingDoc } from "../lib/config-reader";
import { ISTIO } from "../versions";

export interface MeshSettings {
    /** Repository every chart is installed from. @default the upstream Istio repository */
    readonly chartRepository: string;
}

export const MESH_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    chartRepository: { summary: "Helm repository (https:// or oci://) holding the Istio charts, e.g. an internal mirror for air-gapped clusters.", default: ISTIO.repository },
};

const REPOSITORY = /^(https:\/\/[a-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~\-/]*)?|oci:\/\/[a-z0-9.-]+(:\d+)?(\/[a-z0-9._\-/]*)?)$/;

export function readMesh(reader: ConfigReader): Partial<MeshSettings> {
    if (reader.get("chartRepository") === undefined) {
        return { chartRepository: ISTIO.repository };
    }
    const chartRepository = reader.matching("chartRepository", REPOSITORY, "an https:// or oci:// repository URL (plain http would let anyone on the path swap the charts)");
    return { chartRepository: chartRepository?.replace(/\/$/, "") };
}
