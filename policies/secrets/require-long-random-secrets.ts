import { defineResourceRule } from "../lib/rule";

export default defineResourceRule<{ minBytes: number; minPasswordLength: number }>({
    name: "require-long-random-secrets",
    description: "Random keys, salts and passwords generated in the program must be long enough to resist guessing: at least 32 bytes (256 bits) of random bytes, and passwords of at least 24 characters.",
    severity: "medium",
    controls: ["NIST SP 800-57 5.6.1"],
    remediation: "Set `length` to 32 or more on random.RandomBytes, and to 24 or more on random.RandomPassword.",
    config: {
        minBytes: { type: "integer", default: 32, minimum: 16, description: "Shortest random.RandomBytes accepted, in bytes." },
        minPasswordLength: { type: "integer", default: 24, minimum: 12, description: "Shortest random.RandomPassword accepted, in characters." },
    },
    resourceTypes: ["random:index/randomBytes:RandomBytes", "random:index/randomPassword:RandomPassword"],
    validate(props, { type, config }, report) {
        const length = Number(props.length);
        if (type === "random:index/randomBytes:RandomBytes") {
            if (!(length >= config.minBytes)) {
                report(`${props.length ?? "No"} random bytes; at least ${config.minBytes} are required.`);
            }
        } else if (!(length >= config.minPasswordLength)) {
            report(`A ${props.length ?? "(no length)"}-character password; at least ${config.minPasswordLength} characters are required.`);
        }
    },
});
