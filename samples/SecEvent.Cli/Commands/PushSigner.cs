using Microsoft.IdentityModel.Tokens;
using SecEvent.Tokens;

namespace SecEvent.Cli.Commands;

/// <summary>Signs <c>secevent push</c>'s input: one JSON claims set per line, each as <c>secevent sign</c> would.</summary>
internal sealed class PushSigner(JsonWebKey signingKey, SecurityEventProfile profile, TimeProvider time)
{
    private readonly SecurityEventTokenHandler _handler = new(time);

    /// <summary>
    /// Signs every non-blank line; all or nothing, so that a bad line never leaves half the input queued.
    /// </summary>
    /// <returns>The SETs in input order, or the first problem, naming its line.</returns>
    public (IReadOnlyList<string> Sets, string? Problem) SignAll(string input)
    {
        var sets = new List<string>();
        var number = 0;
        foreach (var line in input.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (set, problem) = Sign(line.TrimEnd('\r'));
            if (set is null)
            {
                return ([], $"line {number}: {problem}");
            }

            sets.Add(set);
        }

        return sets.Count == 0 ? ([], "the input holds no payload; give one JSON claims set per line.") : (sets, null);
    }

    private (string? Set, string? Problem) Sign(string line)
    {
        if (!StrictJson.TryParseObject(line, "payload", out var payload, out var problem))
        {
            return (null, problem);
        }

        var descriptor = new SecurityEventTokenDescriptor
        {
            Profile = profile,
            SigningCredentials = new SigningCredentials(signingKey, signingKey.Alg),
        };
        if (PayloadMapper.Map(payload, descriptor) is { } typeProblem)
        {
            return (null, typeProblem);
        }

        try
        {
            return (_handler.CreateToken(descriptor), null);
        }
        catch (SecurityEventTokenException ex)
        {
            return (null, $"{ex.Error.Code}: {ex.Error.Description}");
        }
    }
}
