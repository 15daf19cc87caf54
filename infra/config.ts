/**
 * Stack configuration: every `secure-platform:*` setting, its default and its validation, composed
 * from the sections in settings/.
 *
 * `parseConfig` is pure and does not load the Pulumi SDK, so the offline check validates a stack file
 * with exactly the code `pulumi up` runs, before anything else happens. Every problem is collected and
 * reported at once, each naming the key and what is allowed; nothing is registered until all pass.
 */
import { ConfigReader, SettingDoc } from "./lib/config-reader";
import { CLUSTER_SETTINGS, ClusterSettings, readCluster } from "./settings/cluster";
import { DATA_SETTINGS, DataSettings, readData } from "./settings/data";
import { EDGE_SETTINGS, EdgeSettings, readEdge } from "./settings/edge";
import { MESH_SETTINGS, MeshSettings, readMesh } from "./settings/mesh";
import { NETWORK_SETTINGS, NetworkSettings, readNetwork } from "./settings/network";
import { PLATFORM_SETTINGS, PlatformSettings, readPlatform } from "./settings/platform";

export const PROJECT = "secure-platform";

export type { Environment } from "./settings/platform";

/** The validated stack configuration. Built only by `parseConfig`. */
export interface PlatformConfig extends PlatformSettings {
    readonly project: string;
    readonly stack: string;
    readonly network: NetworkSettings;
    readonly cluster: ClusterSettings;
    readonly edge: EdgeSettings;
    readonly mesh: MeshSettings;
    readonly data: DataSettings;
}

/** Documentation of every `secure-platform:` setting; also the list of known keys. */
export const SETTINGS: Readonly<Record<string, SettingDoc>> = {
    ...PLATFORM_SETTINGS,
    ...NETWORK_SETTINGS,
    ...CLUSTER_SETTINGS,
    ...EDGE_SETTINGS,
    ...MESH_SETTINGS,
    ...DATA_SETTINGS,
};

export interface ParseOptions {
    readonly stack: string;
    readonly project?: string;
}

/**
 * Turns raw stack configuration (fully qualified keys, values as the Pulumi CLI passes them: strings,
 * with lists and objects JSON-encoded) into a validated `PlatformConfig`, or throws a `ConfigError`
 * listing every problem.
 */
export function parseConfig(raw: Readonly<Record<string, string>>, options: ParseOptions): PlatformConfig {
    const project = options.project ?? PROJECT;
    const reader = new ConfigReader(raw, project);
    reader.rejectUnknownKeys(Object.keys(SETTINGS));

    const platform = readPlatform(reader);
    // Sections that depend on the environment still run when it is missing, so their problems show too.
    const environment = platform.environment ?? "dev";
    const network = readNetwork(reader, environment, platform.region);
    const cluster = readCluster(reader, environment, network.vpcCidr);
    const edge = readEdge(reader, platform.region);
    const mesh = readMesh(reader);
    const data = readData(reader, environment, platform.region);

    reader.throwIfProblems();
    return {
        ...(platform as PlatformSettings),
        project,
        stack: options.stack,
        network: network as NetworkSettings,
        cluster: cluster as ClusterSettings,
        edge: edge as EdgeSettings,
        mesh: mesh as MeshSettings,
        data: data as DataSettings,
    };
}
