/**
 * The editor features of containers.conf, one module each (kept as one import for the
 * service until its language adapter imports the modules directly).
 */
export { hoverCc, keyMarkdown, CC_MANPAGE_URL, type CcFeatureContext } from './hover';
export { completeCc } from './complete';
export { ccCodeActions, removeElementEdit } from './actions';
export { ccSymbols, ccFolding, MAX_SYMBOLS } from './outline';
