using System.Text.Json;

namespace SecEvent.Tokens.Tests.Interop;

public partial class JoseJweInteropTests
{
    /// <summary>
    /// A 2048-bit RSA key jose generated, kept because its private exponent 'd' has a leading zero octet and so is
    /// written in 255 octets, not the modulus' 256 (RFC 7518 §6.3.2.1). Test material only.
    /// </summary>
    private const string ShortExponentPrivateJwk = """
        {
         "kty":"RSA",
         "alg":"RSA-OAEP-256",
         "use":"enc",
         "kid":"jose-short-d",
         "n":"p8CiVjzuTogy5vN0DfrXC1dyS1Tt8SLmP2o7fCf-mVa0lgYgzbNLzQQdbjz6lU56UKmhnsq-5rZoNZvaYzJqT-S16o_7wAE6NKi3jQ07JmBiGDx0q9pldf7Ajx1XH3W8PuSB3QaOfEx_T6H8nTaXiPWrTzj0ZoLFWGxfviMoJa08oTlf0kqGi29VFl7kk9Aoj6CFVP9Rt2fLcsI1vUW_cV33abieN0xf71Sdj6OMeD88bMtiTYSrLNxIO2Udwa90cmunWTbAnU_1UE8qKvTtUnNNNqYNBiyjF2r5vfgvaXBQSjb7pUVftDb15yb-y2pxpxFIplMOTYPE2RFgoDpe-Q",
         "e":"AQAB",
         "d":"8rldgD_UO6KsBFVpgdDcLHebKOT6ZK6FTmdSgD2zu1Ykde7oCBAmMxSBK8DlKKR6LGdF3j1Te6ry80lPSmOS8DGTXJJ5R0MqCoe_uULWaJuNVFl6zNkfdbE8GIKbon74ol0rNQ8Hm_1pOLq_NGXeso1wEnFBML0xpCqAs4gAedaX7dwxcCQAWYhtyW7pi_-2lU8pIXc2wxiwEh1w7Os8IxMIQN8pNIGJoGdmgLAcfs0F7VDuHL43moF6f1mWqXMXXFWZlHQrMnw49fx90XZc9MkkygTBa6iSl_eg4Wi8xVj0eZk_PMgUMD0oVX6Z49ArYe2r4Qrava0IMZmmH2yt",
         "p":"1loIOgTOjmzrSQOpZXjib2wClo0e5-xF_sho5mvk0BSG3Gv6-uWco-mvBh3KNqEE7TVnsiBigdxLdfaIDlyH_3vLOJZUboGaXzTywMI6LjGxRQBsc1zKhpqRO7BtCy5XJKVAQJTAHWaCdfAYCJKEDag3qBXSY9fg0wfI4moDX80",
         "q":"yFi7dWuTgkp-NeUTWa8A5QaTHAhZz6IG0rZZarQ_P2DF8OUK0Fx0w7SYutBMNjX4lVJ0M2wT8EnnU57E7UrAE1wKmnnRvCW9Pnzk4cxIIHVfxG5Sy4WBN1MRdDV8qW8LxJ5Ntxa4h0NKorNloFDq9P5-l-LFJ7Npn7kAudbKV90",
         "dp":"ToyPlzNLvkWLsyX0XYr-73XVPPZZ7QNYYxVt24KORvI-uWeYgXjC_g4UZVllUL-Q3pxDc7MKZiwkOwYstZaS_7yNrB7qsdQsjdcJXjnOuD7dhzuwglXuoYTi08zDKOXCaVtlQEVCYYO_KxjgtcN7QMX0H1Rf1Na3PJ4Nr2rJ8cE",
         "dq":"PNclZk0a6JAyr683Jx8MCIDsn7CxhWpQ5CBYGx1Nr7N1qOgFVq0dEGmBkAm9eyD8smvtucfybiAjTbODXgQ7PCXRWoPv-1ECnT1UTHW62ZCLWp2eKwwJ54EkZcPwbYu5aSYht54Av6LhwXL1Q7APCgNW8kz9Tkcfpk-KNuVRYUk",
         "qi":"T01y2V10SgjZXJzvWk5EGttdY6KOZevsRaf0C2W43e_8M6mYGqtAne81FxGhszJ0n8XtTQRu4cf5UGo3XWAF4HUBrgBFyij8xlN2GLUbnOHWbvSODDnhSuFzxjtfiWpaGYgAzC94PseCDoZ97m9eaUgdNvv-bd4BkbUB7AZ9FdI"
        }
        """;

    private static readonly JsonElement ShortExponentPublicJwk = PublicPart(ShortExponentPrivateJwk);

    private static JsonElement PublicPart(string privateJwk)
    {
        var members = JsonElement.Parse(privateJwk).EnumerateObject()
            .Where(m => m.Name is "kty" or "alg" or "use" or "kid" or "n" or "e")
            .ToDictionary(m => m.Name, m => m.Value);
        return JsonSerializer.SerializeToElement(members);
    }
}
