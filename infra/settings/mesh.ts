/** Settings of the in-cluster components: where charts come from. */
import { ConfigReader, SettingDoc } from "../lib/config-reader";

export interface MeshSettings {
    /**
     * Repository every chart (Istio, the Percona operator, snapscheduler) is installed from instead of
     * its upstream one. @default each chart's upstream repository
     */
    readonly chartRepository?: string;
}

export const MESH_SETTINGS: Readonly<Record<string, SettingDoc>> = {
    chartRepository: {
        summary: "Helm repository (https:// or oci://) holding every chart the platform installs (Istio base, cni, istiod, gateway; psmdb-operator; snapscheduler), e.g. an internal mirror for air-gapped clusters.",
        default: "(each chart's upstream repository)",
    },
};

const REPOSITORY = /^(https:\/\/[a-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~\-/]*)?|oci:\/\/[a-z0-9.-]+(:\d+)?(\/[a-z0-9._\-/]*)?)$/;

export function readMesh(reader: ConfigReader): Partial<MeshSettings> {
    if (reader.get("chartRepository") === undefined) {
        return {};
    }
    const chartRepository = reader.matching("chartRepository", REPOSITORY, "an https:// or oci:// repository URL (plain http would let anyone on the path swap the charts)");
    return chartRepository ? { chartRepository: chartRepository.replace(/\/$/, "") } : {};
}
