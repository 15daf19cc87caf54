import { defineResourceRule } from "../../lib/rule";
import { list } from "../../lib/values";

export default defineResourceRule<{ allowRedirectListener: boolean }>({
    name: "require-https-listeners",
    description: "Load balancers must carry traffic over HTTPS; a plain HTTP listener may at most redirect to HTTPS.",
    severity: "medium",
    controls: ["FSBP ELB.1", "FSBP ELB.18"],
    remediation: "Give the HTTP listener a single default action `{ type: \"redirect\", redirect: { protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\" } }`, and forward traffic from an HTTPS listener.",
    config: {
        allowRedirectListener: {
            type: "boolean",
            default: true,
            description: "Accept an HTTP listener whose only action redirects to HTTPS (FSBP ELB.1); false applies FSBP ELB.18 strictly: no HTTP listener at all.",
        },
    },
    resourceTypes: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    validate(props, { config }, report) {
        // A Gateway Load Balancer listener has neither port nor protocol; otherwise a missing protocol means HTTP.
        if (props.protocol === undefined && props.port === undefined) {
            return;
        }
        if (String(props.protocol ?? "HTTP").toUpperCase() !== "HTTP") {
            return;
        }
        const actions = list(props.defaultActions);
        const redirectsToHttps = actions.length > 0 && actions.every((a) => a.type === "redirect" && String(a.redirect?.protocol).toUpperCase() === "HTTPS");
        if (redirectsToHttps && !config.allowRedirectListener) {
            report(`The HTTP listener on port ${props.port ?? 80} redirects to HTTPS, but this stack allows no plain HTTP listener.`);
        } else if (!redirectsToHttps) {
            report(`The HTTP listener on port ${props.port ?? 80} does ${actions.map((a) => a.type).join(", ") || "nothing"} instead of redirecting to HTTPS: requests and responses cross the network in clear text.`);
        }
    },
});
