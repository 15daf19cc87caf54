import { resource, ruleCases, unknown } from "../../harness/policy-cases";

const bytes = (name: string, length: unknown) => resource("random:index/randomBytes:RandomBytes", name, { length: length as number });
const password = (name: string, length: unknown) => resource("random:index/randomPassword:RandomPassword", name, { length: length as number, special: false });

export default ruleCases("require-long-random-secrets", {
    compliant: [
        { name: "a 64-byte key", resources: [bytes("root", 64)] },
        { name: "a 32-byte salt", resources: [bytes("salt", 32)] },
        { name: "a 32-character password", resources: [password("db", 32)] },
        { name: "a 16-byte token where the team accepts it", resources: [bytes("nonce", 16)], config: { "require-long-random-secrets": { minBytes: 16 } } },
    ],
    violating: [
        { name: "a 16-byte key", resources: [bytes("root", 16)], message: /16 random bytes; at least 32 are required/ },
        { name: "an 8-character password", resources: [password("db", 8)], message: /A 8-character password; at least 24 characters/ },
        { name: "a password of 20 where the team wants 32", resources: [password("db", 20)], config: { "require-long-random-secrets": { minPasswordLength: 32 } }, message: /at least 32 characters/ },
    ],
    unknown: [
        { name: "length not known yet", resources: [bytes("later", unknown)] },
    ],
});
