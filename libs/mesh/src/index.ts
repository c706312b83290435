export { generateKeyPair, isWireGuardKey, parsePublicKey, publicKeyOf } from './keys';
export type { WireGuardKeyPair } from './keys';
