using FluentAssertions;

namespace SecEvent.Tokens.Tests.Support;

/// <summary>Assertions on validation results that print the error description when they fail.</summary>
public static class ResultAssertions
{
    /// <summary>Asserts the token was accepted and returns it.</summary>
    public static SecurityEventToken ShouldBeAccepted(this SecurityEventTokenValidationResult result)
    {
        result.Error.Should().BeNull("the token should be accepted, but was refused with {0}", result.Error);
        result.IsValid.Should().BeTrue();
        return result.Token!;
    }

    /// <summary>Asserts the token was refused with <paramref name="code"/> and returns the error.</summary>
    public static SecurityEventError ShouldBeRefused(this SecurityEventTokenValidationResult result, string code)
    {
        result.IsValid.Should().BeFalse("the token should be refused with {0}", code);
        result.Token.Should().BeNull();
        result.SigningKey.Should().BeNull();
        result.Error!.Code.Should().Be(code, "the description was \"{0}\"", result.Error.Description);
        result.Error.Description.Should().NotBeNullOrWhiteSpace();
        return result.Error;
    }

    /// <summary>Asserts the token was refused with <c>invalid_request</c>.</summary>
    public static SecurityEventError ShouldBeInvalidRequest(this SecurityEventTokenValidationResult result) =>
        result.ShouldBeRefused(SecurityEventErrorCodes.InvalidRequest);

    /// <summary>Asserts the token was refused with <c>invalid_key</c>.</summary>
    public static SecurityEventError ShouldBeInvalidKey(this SecurityEventTokenValidationResult result) =>
        result.ShouldBeRefused(SecurityEventErrorCodes.InvalidKey);
}
