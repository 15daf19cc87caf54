import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule({
    name: "require-https-listeners",
    description: "A plain HTTP listener may only redirect to HTTPS; traffic is forwarded from HTTPS listeners.",
    severity: "medium",
    controls: ["FSBP ELB.1"],
    remediation: "Give the HTTP listener a single default action `{ type: \"redirect\", redirect: { protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\" } }`, and forward traffic from an HTTPS listener.",
    resourceTypes: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    validate(props, _context, report) {
        // A Gateway Load Balancer listener has neither port nor protocol; otherwise a missing protocol means HTTP.
        if (props.protocol === undefined && props.port === undefined) {
            return;
        }
        if (String(props.protocol ?? "HTTP").toUpperCase() !== "HTTP") {
            return;
        }
        const actions = list(props.defaultActions);
        const redirectsToHttps = actions.length > 0 && actions.every((a) => a.type === "redirect" && String(a.redirect?.protocol).toUpperCase() === "HTTPS");
        if (!redirectsToHttps) {
            report(`The HTTP listener on port ${props.port ?? 80} does ${actions.map((a) => a.type).join(", ") || "nothing"} instead of redirecting to HTTPS: requests and responses cross the network in clear text.`);
        }
    },
});
