using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Subjects;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// Every row of the spec's ten error tables (OpenID SSF 1.0 §8.1, tables 1–10), answered by the Kestrel stub to the
/// operation the table belongs to, comes back as an <see cref="SsfStreamException"/> carrying its status and meaning.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SsfStreamClientErrorTests
{
    private static IEnumerable<TestCaseData> Rows() =>
        from table in Vectors.OfKind("ssf-error-table")
        from row in table.Data.GetProperty("status_codes").EnumerateObject()
        where row.Name != "202"
        select new TestCaseData(Operation(table), int.Parse(row.Name, System.Globalization.CultureInfo.InvariantCulture)).SetArgDisplayNames(table.Name, row.Name);

    private static SsfStreamOperation Operation(TestVector table) => SsfStatusCodesTests.Endpoints[table.Data.GetProperty("endpoint").GetString()!];

    [Test]
    public void SSF_24_37_EveryErrorTableIsCovered()
    {
        Vectors.OfKind("ssf-error-table").Select(Operation).Should().BeEquivalentTo(Enum.GetValues<SsfStreamOperation>());
        Rows().Should().HaveCountGreaterThan(35);
    }

    [TestCaseSource(nameof(Rows))]
    public async Task SSF_24_37_ErrorTableRow_TypedErrorWithMeaningAndBody(SsfStreamOperation operation, int status)
    {
        await using var h = await SsfStreamHarness.StartAsync();
        const string errorBody = """{"error":"invalid_request","error_description":"per the table"}""";
        h.Stub.Script(SsfTransmitterStub.Route(operation), new StubAnswer(status, errorBody));
        var client = await h.ClientAsync(o => o.MaxRetries = 0);

        var call = () => Call(client, operation);

        var thrown = (await call.Should().ThrowAsync<SsfStreamException>()).Which;
        thrown.Failure.Should().Be(SsfStreamFailure.HttpStatus);
        thrown.Operation.Should().Be(operation);
        thrown.StatusCode.Should().Be(status);
        thrown.Meaning.Should().Be(SsfStatusCodesTests.Expected(status));
        thrown.ResponseBody.Should().Be(errorBody);
        thrown.Message.Should().NotContain("per the table").And.NotContain(SsfTransmitterStub.FigureAuthorization);
        h.Stub.Management().Should().ContainSingle();
    }

    [Test]
    public async Task SSF_26_27_31_AcceptedRows_ArePendingResults()
    {
        var pending = Vectors.OfKind("ssf-error-table")
            .Where(t => t.Data.GetProperty("status_codes").TryGetProperty("202", out _))
            .Select(Operation);
        pending.Should().BeEquivalentTo([SsfStreamOperation.Update, SsfStreamOperation.Replace, SsfStreamOperation.UpdateStatus]);
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("PATCH /ssf/stream", new StubAnswer(202, null, null));
        h.Stub.Script("PUT /ssf/stream", new StubAnswer(202, null, null));
        h.Stub.Script("POST /ssf/status", new StubAnswer(202, null, null));
        var client = await h.ClientAsync();
        const string stream = SsfTransmitterStub.FigureStreamId;

        (await client.UpdateStreamAsync(new SsfStreamRequest { StreamId = stream })).IsPending.Should().BeTrue();
        (await client.ReplaceStreamAsync(new SsfStreamRequest { StreamId = stream })).IsPending.Should().BeTrue();
        (await client.UpdateStatusAsync(new SsfStreamStatus { StreamId = stream, Status = "paused" })).IsPending.Should().BeTrue();
    }

    [Test]
    public async Task SSF_24_Create_409_ConflictMeansOneStreamPerReceiver()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("POST /ssf/stream", new StubAnswer(409, null, null));
        var client = await h.ClientAsync();

        var create = () => client.CreateStreamAsync(new SsfStreamRequest());

        var thrown = (await create.Should().ThrowAsync<SsfStreamException>()).Which;
        thrown.Meaning.Should().Be(SsfStatusMeaning.Conflict);
        thrown.ResponseBody.Should().BeNull();
        thrown.Message.Should().Contain("one stream per receiver");
    }

    [TestCase(409, SsfStreamOperation.Read)]
    [TestCase(302, SsfStreamOperation.Delete)]
    [TestCase(418, SsfStreamOperation.Verify)]
    public async Task SSF_24_37_StatusOutsideTheTable_Unexpected(int status, SsfStreamOperation operation)
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script(SsfTransmitterStub.Route(operation), new StubAnswer(status, null, null));
        var client = await h.ClientAsync(o => o.MaxRetries = 0);

        var call = () => Call(client, operation);

        var thrown = (await call.Should().ThrowAsync<SsfStreamException>()).Which;
        thrown.StatusCode.Should().Be(status);
        thrown.Meaning.Should().Be(SsfStatusMeaning.Unexpected);
    }

    [Test]
    public async Task SSF_33_AddSubject_ErrorBodyLargerThanBound_NotKept()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("POST /ssf/subjects:add", new StubAnswer(400, new string('x', 64 * 1024), "text/plain"));
        var client = await h.ClientAsync();

        var add = () => Call(client, SsfStreamOperation.AddSubject);

        var thrown = (await add.Should().ThrowAsync<SsfStreamException>()).Which;
        thrown.Meaning.Should().Be(SsfStatusMeaning.InvalidRequest);
        thrown.ResponseBody.Should().BeNull();
    }

    internal static Task Call(SsfStreamClient client, SsfStreamOperation operation)
    {
        const string stream = SsfTransmitterStub.FigureStreamId;
        var subject = new EmailSubjectIdentifier { Email = "user@example.com" };
        return operation switch
        {
            SsfStreamOperation.Create => client.CreateStreamAsync(new SsfStreamRequest { Description = "d" }),
            SsfStreamOperation.Read => client.GetStreamAsync(stream),
            SsfStreamOperation.Update => client.UpdateStreamAsync(new SsfStreamRequest { StreamId = stream, Description = "d" }),
            SsfStreamOperation.Replace => client.ReplaceStreamAsync(new SsfStreamRequest { StreamId = stream, Description = "d" }),
            SsfStreamOperation.Delete => client.DeleteStreamAsync(stream),
            SsfStreamOperation.ReadStatus => client.GetStatusAsync(stream),
            SsfStreamOperation.UpdateStatus => client.UpdateStatusAsync(new SsfStreamStatus { StreamId = stream, Status = "paused" }),
            SsfStreamOperation.AddSubject => client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream, Subject = subject }),
            SsfStreamOperation.RemoveSubject => client.RemoveSubjectAsync(new SsfRemoveSubjectRequest { StreamId = stream, Subject = subject }),
            _ => client.RequestVerificationAsync(new SsfVerificationRequest { StreamId = stream, State = "s" }),
        };
    }
}
