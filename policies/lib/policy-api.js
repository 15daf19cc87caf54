"use strict";
/**
 * The part of the @pulumi/policy API this pack uses, declared here instead of imported. The CLI starts
 * the pack through ts-node with type-checking on, and the SDK's declarations pull in all of
 * @pulumi/pulumi's, which costs more than a second at every launch. `npm test` checks that these
 * declarations stay compatible with the SDK's (test/policies/lib/policy-api.test.ts).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.PolicyPack = void 0;
/** Starts serving the pack over gRPC and prints the port, as the CLI expects. */
exports.PolicyPack = require("@pulumi/policy").PolicyPack;
