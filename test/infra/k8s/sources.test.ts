import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chartFrom, hubFrom, imageFrom, pullSecrets, splitImage } from "../../../infra/k8s/sources";

const MIRROR = { registryMirror: "registry.corp.example:5000/mirror" };
const ECR = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";
/** A pull-through cache: a path of one registry per upstream registry. */
const CACHE = { registryMirrors: { "docker.io": `${ECR}/docker-hub`, "quay.io": `${ECR}/quay` } };
const DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

describe("image and chart sources", () => {
    describe("splitImage", () => {
        it("puts Docker's short names on Docker Hub, official images under library/", () => {
            assert.deepEqual(splitImage("nginx:1.27.3"), { registry: "docker.io", repository: "library/nginx:1.27.3" });
            assert.deepEqual(splitImage("percona/percona-server-mongodb:8.0.12-4"), { registry: "docker.io", repository: "percona/percona-server-mongodb:8.0.12-4" });
        });

        it("keeps an explicit library/ path and an explicit docker.io", () => {
            assert.deepEqual(splitImage("library/busybox:1.37"), { registry: "docker.io", repository: "library/busybox:1.37" });
            assert.deepEqual(splitImage("docker.io/istio/pilot:1.29.0"), { registry: "docker.io", repository: "istio/pilot:1.29.0" });
        });

        it("puts an official image named with its Docker Hub host under library/ too", () => {
            assert.deepEqual(splitImage("docker.io/nginx:1.27.3"), { registry: "docker.io", repository: "library/nginx:1.27.3" });
        });

        it("names Docker Hub docker.io whichever of its hosts an image uses", () => {
            assert.deepEqual(splitImage("index.docker.io/istio/pilot:1.29.0"), { registry: "docker.io", repository: "istio/pilot:1.29.0" });
            assert.deepEqual(splitImage("registry-1.docker.io/busybox:1.37"), { registry: "docker.io", repository: "library/busybox:1.37" });
        });

        it("takes the first component as the registry when it is a host: a dot, a port or localhost", () => {
            assert.deepEqual(splitImage("quay.io/backube/snapscheduler:3.5.0"), { registry: "quay.io", repository: "backube/snapscheduler:3.5.0" });
            assert.deepEqual(splitImage("registry.corp.example:5000/team/app:1.0"), { registry: "registry.corp.example:5000", repository: "team/app:1.0" });
            assert.deepEqual(splitImage("mirror:5000/app:1.0"), { registry: "mirror:5000", repository: "app:1.0" });
            assert.deepEqual(splitImage("localhost/app:dev"), { registry: "localhost", repository: "app:dev" });
            assert.deepEqual(splitImage("localhost:5000/app:dev"), { registry: "localhost:5000", repository: "app:dev" });
        });

        it("keeps a digest in the repository part", () => {
            assert.deepEqual(splitImage(`gcr.io/distroless/static@${DIGEST}`), { registry: "gcr.io", repository: `distroless/static@${DIGEST}` });
        });
    });

    describe("imageFrom", () => {
        it("pulls the upstream image when there is no mirror", () => {
            for (const image of ["nginx:1.27.3", "docker.io/istio/pilot:1.29.0", `quay.io/backube/snapscheduler@${DIGEST}`]) {
                assert.equal(imageFrom(image, {}), image);
            }
        });

        it("moves the repository under the mirror, keeping the tag", () => {
            assert.equal(imageFrom("docker.io/istio/pilot:1.29.0", MIRROR), "registry.corp.example:5000/mirror/istio/pilot:1.29.0");
            assert.equal(imageFrom("percona/percona-server-mongodb:8.0.12-4", MIRROR), "registry.corp.example:5000/mirror/percona/percona-server-mongodb:8.0.12-4");
            assert.equal(imageFrom("nginx:1.27.3", MIRROR), "registry.corp.example:5000/mirror/library/nginx:1.27.3");
        });

        it("keeps a digest, and a tag with a digest", () => {
            assert.equal(imageFrom(`quay.io/backube/snapscheduler@${DIGEST}`, MIRROR), `registry.corp.example:5000/mirror/backube/snapscheduler@${DIGEST}`);
            assert.equal(imageFrom(`quay.io/backube/snapscheduler:3.5.0@${DIGEST}`, MIRROR), `registry.corp.example:5000/mirror/backube/snapscheduler:3.5.0@${DIGEST}`);
        });

        it("drops the upstream host, including one with a port", () => {
            assert.equal(imageFrom("upstream.example:8443/team/app:1.0", { registryMirror: "registry.corp.example" }), "registry.corp.example/team/app:1.0");
        });

        it("moves each image under its own registry's mirror, as a pull-through cache names them", () => {
            assert.equal(imageFrom("docker.io/istio/pilot:1.29.0", CACHE), `${ECR}/docker-hub/istio/pilot:1.29.0`);
            assert.equal(imageFrom("percona/percona-server-mongodb:8.0.12-4", CACHE), `${ECR}/docker-hub/percona/percona-server-mongodb:8.0.12-4`);
            assert.equal(imageFrom(`quay.io/backube/snapscheduler@${DIGEST}`, CACHE), `${ECR}/quay/backube/snapscheduler@${DIGEST}`);
        });

        it("keeps library/ for Docker Hub's official images, which a pull-through cache needs", () => {
            assert.equal(imageFrom("nginx:1.27.3", CACHE), `${ECR}/docker-hub/library/nginx:1.27.3`);
            assert.equal(imageFrom("docker.io/nginx:1.27.3", CACHE), `${ECR}/docker-hub/library/nginx:1.27.3`);
        });

        it("refuses an image from a registry that has no mirror, naming it and the mirrored ones", () => {
            assert.throws(() => imageFrom("ghcr.io/org/app:1.0", CACHE), /sources: no mirror for images from ghcr.io; mirrors are set for docker.io, quay.io/);
        });

        it("keeps the single air-gapped mirror over per-registry mirrors", () => {
            assert.equal(imageFrom("ghcr.io/org/app:1.0", { ...CACHE, ...MIRROR }), "registry.corp.example:5000/mirror/org/app:1.0");
        });
    });

    describe("hubFrom", () => {
        it("keeps the upstream hub without a mirror", () => {
            assert.equal(hubFrom("docker.io/istio", {}), "docker.io/istio");
        });

        it("moves the hub's path under the mirror", () => {
            assert.equal(hubFrom("docker.io/istio", MIRROR), "registry.corp.example:5000/mirror/istio");
            assert.equal(hubFrom("gcr.io/istio-release", MIRROR), "registry.corp.example:5000/mirror/istio-release");
        });

        it("moves the hub's path under its registry's mirror, and refuses a registry without one", () => {
            assert.equal(hubFrom("docker.io/istio", CACHE), `${ECR}/docker-hub/istio`);
            assert.throws(() => hubFrom("gcr.io/istio-release", CACHE), /no mirror for images from gcr.io/);
        });
    });

    describe("chartFrom", () => {
        const ISTIO = "https://istio-release.storage.googleapis.com/charts";

        it("installs from the upstream https repository through repositoryOpts", () => {
            assert.deepEqual(chartFrom("istiod", ISTIO, {}), { chart: "istiod", repositoryOpts: { repo: ISTIO } });
        });

        it("drops a trailing slash from the repository", () => {
            assert.deepEqual(chartFrom("istiod", `${ISTIO}/`, {}), { chart: "istiod", repositoryOpts: { repo: ISTIO } });
            assert.deepEqual(chartFrom("istiod", ISTIO, { chartRepository: "https://charts.corp.example/istio/" }), { chart: "istiod", repositoryOpts: { repo: "https://charts.corp.example/istio" } });
        });

        it("addresses an OCI chart by its full reference, without repositoryOpts", () => {
            assert.deepEqual(chartFrom("istiod", ISTIO, { chartRepository: "oci://registry.corp.example:5000/charts" }), { chart: "oci://registry.corp.example:5000/charts/istiod" });
            assert.deepEqual(chartFrom("istiod", ISTIO, { chartRepository: "oci://registry.corp.example:5000/charts/" }), { chart: "oci://registry.corp.example:5000/charts/istiod" });
            assert.deepEqual(chartFrom("psmdb-operator", "oci://upstream.example/charts", {}), { chart: "oci://upstream.example/charts/psmdb-operator" });
        });

        it("takes the chart mirror over the upstream repository", () => {
            assert.deepEqual(chartFrom("snapscheduler", "https://backube.github.io/helm-charts", { chartRepository: "https://charts.corp.example" }), { chart: "snapscheduler", repositoryOpts: { repo: "https://charts.corp.example" } });
        });
    });

    describe("pullSecrets", () => {
        it("is empty without a pull secret", () => {
            assert.deepEqual(pullSecrets({}), []);
            assert.deepEqual(pullSecrets(MIRROR), []);
        });

        it("names the pull secret", () => {
            assert.deepEqual(pullSecrets({ ...MIRROR, pullSecretName: "registry-mirror" }), [{ name: "registry-mirror" }]);
        });
    });
});
