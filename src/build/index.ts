/** `flashmark build`: notes to Anki packages, with a build history for ids and `mod`s. */
export { buildPackages, type BuildInput, type BuildOptions, type BuildReport, type FailedPackageReport, type KeptPackageReport, type PackageReport, type RemovedNote, type RemovedPackageReport } from './build.js';
export { formatBuildReport, formatWarnings } from './report.js';
export { BUILD_MIGRATIONS } from './history.js';
export { packageKeyOf, type PackageOf } from './prepare.js';
