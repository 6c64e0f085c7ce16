#!/usr/bin/env bash
# Tries the secevent tool end to end, in a temporary folder: keygen (ES256) -> sign (SSF) -> verify -> decode,
# then one refusal (verify with the wrong audience), then an encrypted SET: keygen (ECDH-ES+A256KW, the receiver's
# key) -> sign --encrypt-to -> verify --decrypt-key. Prints every step; exits 0 only when each behaved as expected.
#
#   bash samples/try-cli.sh
#
# CONFIGURATION picks the build configuration (Debug by default); SECEVENT_CLI_NO_BUILD=1 skips the build when
# the tool was built already (the test suite sets it).
set -uo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Debug}"
example=samples/SecEvent.Cli/examples/ssf-verification.json
issuer=https://tr.example.com
audience=https://rp.example.com

if [ "${SECEVENT_CLI_NO_BUILD:-0}" != 1 ]; then
  echo "== build"
  # Built once here; every run below uses --no-build, so each step costs a process start, not a build.
  dotnet build samples/SecEvent.Cli -c "$configuration" --nologo -v quiet || { echo "FAILED: build"; exit 1; }
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

secevent() {
  dotnet run --no-build -c "$configuration" --project samples/SecEvent.Cli -- "$@"
}

failed=0
# check NAME EXPECTED_EXIT ACTUAL_EXIT OUTPUT NEEDLE: the exit code and a fragment the output must contain.
check() {
  if [ "$3" -eq "$2" ] && [[ "$4" == *"$5"* ]]; then
    echo "ok: $1 (exit $3)"
  else
    echo "FAILED: $1: exit $3 (expected $2), output should contain: $5"
    failed=$((failed + 1))
  fi
}

echo "== keygen --alg ES256"
out="$(secevent keygen --alg ES256 --out "$work/private.jwk" --jwks "$work/public.jwks")"; code=$?
echo "$out"
check keygen 0 "$code" "$out" '"alg":"ES256"'
[ -s "$work/private.jwk" ] && [ -s "$work/public.jwks" ] || { echo "FAILED: keygen wrote no key files"; failed=$((failed + 1)); }

echo "== sign --profile ssf $example"
token="$(secevent sign --key "$work/private.jwk" --profile ssf --in "$example")"; code=$?
echo "$token"
check sign 0 "$code" "$token" "."
# A compact JWS: three base64url parts.
[[ "$token" =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]] || { echo "FAILED: sign printed no compact token"; failed=$((failed + 1)); }
printf '%s\n' "$token" > "$work/token.jwt"

echo "== verify --iss $issuer --aud $audience --profile ssf"
out="$(secevent verify --jwks "$work/public.jwks" --iss "$issuer" --aud "$audience" --profile ssf --in "$work/token.jwt")"; code=$?
echo "$out"
check verify 0 "$code" "$out" '"model":"SsfVerificationEvent"'

echo "== decode (unverified)"
out="$(secevent decode < "$work/token.jwt")"; code=$?
echo "$out"
check decode 0 "$code" "$out" '"typ":"secevent+jwt"'

echo "== verify --aud https://someone-else.example.com (must be refused)"
out="$(secevent verify --jwks "$work/public.jwks" --iss "$issuer" --aud https://someone-else.example.com --profile ssf --in "$work/token.jwt")"; code=$?
echo "$out"
check refusal 1 "$code" "$out" '{"err":"invalid_audience","description":'

echo "== keygen --alg ECDH-ES+A256KW (the receiver's encryption key)"
out="$(secevent keygen --alg ECDH-ES+A256KW --out "$work/enc.jwk" --jwks "$work/enc.jwks")"; code=$?
echo "$out"
check keygen-enc 0 "$code" "$out" '"alg":"ECDH-ES+A256KW"'

echo "== sign --profile ssf --encrypt-to (signed, then encrypted to the receiver)"
jwe="$(secevent sign --key "$work/private.jwk" --profile ssf --encrypt-to "$work/enc.jwks" --in "$example")"; code=$?
echo "$jwe"
check sign-encrypted 0 "$code" "$jwe" "."
# A compact JWE: five base64url parts.
[[ "$jwe" =~ ^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$ ]] || { echo "FAILED: sign --encrypt-to printed no compact JWE"; failed=$((failed + 1)); }
printf '%s\n' "$jwe" > "$work/token.jwe"

echo "== verify --decrypt-key --require-encryption"
out="$(secevent verify --jwks "$work/public.jwks" --decrypt-key "$work/enc.jwk" --require-encryption --iss "$issuer" --aud "$audience" --profile ssf --in "$work/token.jwe")"; code=$?
echo "$out"
check verify-encrypted 0 "$code" "$out" '"jwe_header":{"alg":"ECDH-ES+A256KW"'

echo
if [ "$failed" -eq 0 ]; then
  echo "try-cli: every step behaved as expected"
else
  echo "try-cli: $failed step(s) failed"
  exit 1
fi
