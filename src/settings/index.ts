export { SETTINGS_FILE, loadVaultSettings } from './load.js';
export { SettingsError, parseVaultSettings, type ReviewSettings, type VaultSettings } from './parse.js';
export { compileIgnorePattern, ignoreMatcher, type IgnorePattern } from './glob.js';
