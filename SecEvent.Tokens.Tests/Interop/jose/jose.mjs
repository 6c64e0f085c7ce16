// The interop tests' bridge to panva/jose: reads a JSON array of operations on stdin and writes one JSON
// array of results to stdout. Every key and token crosses as JSON, so nothing here trusts the .NET side.
import * as jose from 'jose';

const operations = {
  // A fresh key pair (or secret) made by jose, exported as JWKs.
  async generate({ alg }) {
    if (alg.startsWith('HS')) {
      const secret = await jose.generateSecret(alg, { extractable: true });
      const jwk = { ...(await jose.exportJWK(secret)), alg, kid: 'jose-' + alg };
      return { privateJwk: jwk, publicJwk: jwk };
    }
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
    const kid = 'jose-' + alg;
    return {
      privateJwk: { ...(await jose.exportJWK(privateKey)), alg, kid },
      publicJwk: { ...(await jose.exportJWK(publicKey)), alg, kid },
    };
  },

  // A compact JWS over the payload exactly as given.
  async sign({ alg, jwk, typ, payload }) {
    const key = await jose.importJWK(jwk, alg);
    const header = { alg, typ };
    if (jwk.kid) header.kid = jwk.kid;
    return { token: await new jose.SignJWT(payload).setProtectedHeader(header).sign(key) };
  },

  // jwtVerify with its own typ, issuer, audience and algorithm checks. jose's JWKS refuses symmetric keys,
  // so an HMAC secret comes as a single jwk instead. currentDate (NumericDate) moves jose's clock for exp checks.
  async verify({ token, jwks, jwk, typ, issuer, audience, algorithms, currentDate }) {
    try {
      const key = jwk ? await jose.importJWK(jwk, jwk.alg) : jose.createLocalJWKSet(jwks);
      const { payload, protectedHeader } = await jose.jwtVerify(token, key, {
        typ, issuer, audience, algorithms, currentDate: currentDate ? new Date(currentDate * 1000) : undefined,
      });
      return { ok: true, payload, header: protectedHeader };
    } catch (error) {
      return { ok: false, code: error.code ?? error.name, message: error.message };
    }
  },

  // A fresh key pair for JWE key management, exported as JWKs marked for encryption. crv picks the curve for ECDH-ES.
  async generateEncryption({ alg, crv }) {
    const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true, crv });
    const kid = `jose-${alg}${crv ? '-' + crv : ''}`;
    return {
      privateJwk: { ...(await jose.exportJWK(privateKey)), alg, use: 'enc', kid },
      publicJwk: { ...(await jose.exportJWK(publicKey)), alg, use: 'enc', kid },
    };
  },

  // A Nested JWT (RFC 7519 §5.2): the compact JWS as given, encrypted to the public JWK with cty JWT. The kid is
  // the JWK's unless another is given; iss, when given, is replicated into the header (RFC 7519 §5.3).
  async encrypt({ token, alg, enc, jwk, kid, iss }) {
    const key = await jose.importJWK(jwk, alg);
    const header = { alg, enc, cty: 'JWT' };
    if (iss) header.iss = iss;
    if (kid ?? jwk.kid) header.kid = kid ?? jwk.kid;
    return { jwe: await new jose.CompactEncrypt(new TextEncoder().encode(token)).setProtectedHeader(header).encrypt(key) };
  },

  // compactDecrypt with the private JWK, accepting only the given alg and enc, then jwtVerify of the plaintext with
  // its typ, issuer, audience and algorithm checks. stage says which step refused the token.
  async decrypt({ jwe, jwk, alg, enc, verify }) {
    let decrypted;
    try {
      const key = await jose.importJWK(jwk, alg);
      decrypted = await jose.compactDecrypt(jwe, key, {
        keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc],
      });
    } catch (error) {
      return { ok: false, stage: 'decrypt', code: error.code ?? error.name, message: error.message };
    }
    const inner = new TextDecoder().decode(decrypted.plaintext);
    const verdict = await operations.verify({ token: inner, ...verify });
    return { ...verdict, stage: verdict.ok ? undefined : 'verify', jweHeader: decrypted.protectedHeader };
  },
};

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const request of JSON.parse(input)) {
  const run = operations[request.op];
  results.push(run ? await run(request) : { error: `unknown op ${request.op}` });
}
process.stdout.write(JSON.stringify(results));
