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
  // so an HMAC secret comes as a single jwk instead.
  async verify({ token, jwks, jwk, typ, issuer, audience, algorithms }) {
    try {
      const key = jwk ? await jose.importJWK(jwk, jwk.alg) : jose.createLocalJWKSet(jwks);
      const { payload, protectedHeader } = await jose.jwtVerify(token, key, {
        typ, issuer, audience, algorithms,
      });
      return { ok: true, payload, header: protectedHeader };
    } catch (error) {
      return { ok: false, code: error.code ?? error.name, message: error.message };
    }
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
