// Validates a Teams app manifest against the schema it names, offline: @microsoft/app-manifest bundles
// the schemas, and a manifest naming a schema it does not bundle is refused rather than fetched.
// Usage: node node/validate-teams-manifest.mjs <manifest.json>; prints a JSON array of problems.
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { AppManifestUtils } from "@microsoft/app-manifest";

const require = createRequire(import.meta.url);
const packageRoot = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));

const manifest = JSON.parse(await readFile(process.argv[2], "utf8"));
const suffix = manifest.$schema ? AppManifestUtils.getLocalSchemaSuffix(manifest.$schema) : undefined;
let problems;
if (!suffix || !existsSync(path.join(packageRoot, "build", suffix))) {
  problems = [`$schema ${manifest.$schema} is not bundled with @microsoft/app-manifest`];
} else {
  problems = await AppManifestUtils.validateAgainstSchema(manifest);
}
process.stdout.write(JSON.stringify(problems));
