using System.Text.Json;
using SecEvent.Tokens.Jose;

namespace SecEvent.Tokens.Validation;

/// <summary>A token whose form was read and checked, waiting for its signature and claims to be judged.</summary>
internal readonly record struct ReadToken(CompactToken Compact, JoseHeader Header, JsonElement PayloadJson, TokenClaims Claims);
