using System.Globalization;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>The status-code tables of OpenID SSF 1.0 §8.1 (<c>../shared/vectors/ssf-table1…10</c>), row by row.</summary>
public class SsfStatusCodesTests
{
    /// <summary>The operation of each table, by the table's <c>endpoint</c> name.</summary>
    internal static readonly Dictionary<string, SsfStreamOperation> Endpoints = new(StringComparer.Ordinal)
    {
        ["Create Stream"] = SsfStreamOperation.Create,
        ["Read Stream Configuration"] = SsfStreamOperation.Read,
        ["Update Stream Configuration (PATCH)"] = SsfStreamOperation.Update,
        ["Replace Stream Configuration (PUT)"] = SsfStreamOperation.Replace,
        ["Delete Stream"] = SsfStreamOperation.Delete,
        ["Read Stream Status"] = SsfStreamOperation.ReadStatus,
        ["Update Stream Status"] = SsfStreamOperation.UpdateStatus,
        ["Add Subject"] = SsfStreamOperation.AddSubject,
        ["Remove Subject"] = SsfStreamOperation.RemoveSubject,
        ["Verification"] = SsfStreamOperation.Verify,
    };

    private static readonly int[] Candidates = [200, 201, 202, 204, 400, 401, 403, 404, 409, 429, 500];

    private static IEnumerable<TestVector> Tables => Vectors.OfKind("ssf-error-table");

    [Test]
    public void Every_operation_has_one_table()
    {
        Tables.Select(t => Endpoints[t.Data.GetProperty("endpoint").GetString()!])
            .Should().BeEquivalentTo(Enum.GetValues<SsfStreamOperation>());
    }

    [TestCaseSource(nameof(Tables))]
    public void SSF_24_to_37_Every_table_row_is_classified_as_the_table_says(TestVector table)
    {
        var operation = Endpoints[table.Data.GetProperty("endpoint").GetString()!];
        var rows = table.Data.GetProperty("status_codes").EnumerateObject()
            .ToDictionary(row => int.Parse(row.Name, CultureInfo.InvariantCulture), row => row.Value.GetString()!);

        foreach (var (status, _) in rows)
        {
            var meaning = SsfStatusCodes.Classify(operation, status);
            meaning.Should().Be(Expected(status), $"{operation} {status}");
            SsfStatusCodes.IsSuccess(operation, status).Should().Be(status == 202, $"{operation} {status}");
            SsfStatusCodes.Describe(operation, status).Should().NotContain("not a status", $"{operation} {status}");
        }

        // A failure code the table does not list is not given a meaning the spec does not give it.
        foreach (var status in Candidates.Where(s => s >= 400 && !rows.ContainsKey(s)))
        {
            SsfStatusCodes.Classify(operation, status).Should().Be(SsfStatusMeaning.Unexpected, $"{operation} {status}");
            SsfStatusCodes.Describe(operation, status).Should().Contain("not a status");
        }
    }

    [TestCase(SsfStreamOperation.Create, 201)]
    [TestCase(SsfStreamOperation.Read, 200)]
    [TestCase(SsfStreamOperation.Update, 200)]
    [TestCase(SsfStreamOperation.Replace, 200)]
    [TestCase(SsfStreamOperation.Delete, 204)]
    [TestCase(SsfStreamOperation.ReadStatus, 200)]
    [TestCase(SsfStreamOperation.UpdateStatus, 200)]
    [TestCase(SsfStreamOperation.AddSubject, 200)]
    [TestCase(SsfStreamOperation.AddSubject, 204)]
    [TestCase(SsfStreamOperation.RemoveSubject, 204)]
    [TestCase(SsfStreamOperation.Verify, 204)]
    public void Cross_cutting_9_Each_operation_succeeds_only_with_its_own_code(SsfStreamOperation operation, int success)
    {
        SsfStatusCodes.Classify(operation, success).Should().Be(SsfStatusMeaning.Success);
        var otherSuccesses = new[] { 200, 201, 204 }.Where(s => s != success && !(operation == SsfStreamOperation.AddSubject && s is 200 or 204));
        foreach (var status in otherSuccesses)
        {
            SsfStatusCodes.IsSuccess(operation, status).Should().BeFalse($"{operation} {status}");
        }
    }

    [Test]
    public void SSF_24_Create_answers_409_when_only_one_stream_is_allowed()
    {
        SsfStatusCodes.Classify(SsfStreamOperation.Create, 409).Should().Be(SsfStatusMeaning.Conflict);
        SsfStatusCodes.Classify(SsfStreamOperation.Update, 409).Should().Be(SsfStatusMeaning.Unexpected);
    }

    [Test]
    public void SSF_37_Verify_429_points_at_min_verification_interval()
    {
        SsfStatusCodes.Describe(SsfStreamOperation.Verify, 429).Should().Contain("min_verification_interval");
    }

    /// <summary>The meaning the tables give each status they list.</summary>
    internal static SsfStatusMeaning Expected(int status) => status switch
    {
        202 => SsfStatusMeaning.Accepted,
        400 => SsfStatusMeaning.InvalidRequest,
        401 => SsfStatusMeaning.Unauthorized,
        403 => SsfStatusMeaning.Forbidden,
        404 => SsfStatusMeaning.NotFound,
        409 => SsfStatusMeaning.Conflict,
        429 => SsfStatusMeaning.TooManyRequests,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
