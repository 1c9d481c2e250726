// Stands in for asn1.js in the function bundles. The Encryption SDK needs asn1.js only to encode and
// decode ECDSA signatures and PEM keys of the signing algorithm suites; this project writes and accepts
// only the committing suite without a signature (functions/shared/ciphertext.ts). The SDK defines its
// ASN.1 models when it loads, so `define` works; using a model throws.
const refuse = (): never => {
  throw new Error('signing algorithm suites are not supported by this bundle');
};
const model = { encode: refuse, decode: refuse };
export default { define: () => model, bignum: refuse };
