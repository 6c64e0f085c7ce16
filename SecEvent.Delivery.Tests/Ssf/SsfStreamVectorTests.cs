using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// The stream management figures of OpenID SSF 1.0 §8 (<c>../shared/vectors/ssf-fig21…45</c>): every body reads as its
/// kind says, writes back to the same members, and the invalid figure is refused.
/// </summary>
public class SsfStreamVectorTests
{
    private static IEnumerable<TestVector> Configurations => Vectors.OfKind("stream-config");

    private static IEnumerable<TestVector> ConfigurationLists => Vectors.OfKind("stream-config-list");

    private static IEnumerable<TestVector> StreamRequests => Vectors.OfKind("stream-request");

    private static IEnumerable<TestVector> Statuses => Vectors.OfKind("stream-status", "stream-status-request");

    private static IEnumerable<TestVector> SubjectRequests => Vectors.OfKind("subject-request");

    private static IEnumerable<TestVector> EmptyResponses => Vectors.OfKind("stream-response", "subject-response", "verification-response");

    [Test]
    public void The_vector_kinds_are_all_present()
    {
        Configurations.Should().HaveCount(4);
        ConfigurationLists.Should().HaveCount(3);
        StreamRequests.Should().HaveCount(6);
        Statuses.Should().HaveCount(5);
        SubjectRequests.Should().HaveCount(2);
        EmptyResponses.Should().HaveCount(4);
        Vectors.OfKind("verification-request").Should().ContainSingle();
    }

    [TestCaseSource(nameof(Configurations))]
    public void SSF_23_Stream_configuration_figures_read_and_write_back_the_same_members(TestVector figure)
    {
        SsfStreamConfiguration.TryParse(Body(figure), out var configuration, out var error).Should().BeTrue(error);

        configuration!.Issuer.Should().Be("https://tr.example.com");
        configuration.Audience.Should().HaveCount(2);
        configuration.Delivery.Method.Should().Be(SsfDeliveryMethods.Push);
        WritesBack(configuration.ToUtf8Json(), figure);
    }

    [TestCaseSource(nameof(ConfigurationLists))]
    public void SSF_25_Read_all_figures_are_arrays_that_read_and_write_back(TestVector figure)
    {
        SsfStreamConfiguration.TryParseList(Body(figure), out var configurations, out var error).Should().BeTrue(error);

        configurations.Should().HaveCount(figure.Data.GetProperty("body").GetArrayLength());
        WritesBack(SsfStreamConfiguration.ToUtf8Json(configurations!), figure);
    }

    [TestCaseSource(nameof(StreamRequests))]
    public void SSF_24_26_27_Stream_request_figures_read_for_their_method_and_write_back(TestVector figure)
    {
        var method = figure.Data.GetProperty("method").GetString();
        var body = figure.Data.GetProperty("body");
        if (method is "GET" or "DELETE")
        {
            body.ValueKind.Should().Be(JsonValueKind.Null);
            figure.Data.GetProperty("target").GetString().Should().StartWith("/ssf/stream");
            return;
        }

        var operation = method switch
        {
            "POST" => SsfStreamOperation.Create,
            "PATCH" => SsfStreamOperation.Update,
            _ => SsfStreamOperation.Replace,
        };
        SsfStreamRequest.TryParse(Body(figure), operation, out var request, out var error).Should().BeTrue(error);

        (request!.StreamId is null).Should().Be(operation == SsfStreamOperation.Create);
        WritesBack(request.ToUtf8Json(), figure);
    }

    [TestCaseSource(nameof(Statuses))]
    public void SSF_30_31_Status_figures_read_and_write_back(TestVector figure)
    {
        if (figure.Data.GetProperty("body").ValueKind == JsonValueKind.Null)
        {
            figure.Data.GetProperty("method").GetString().Should().Be("GET");
            return;
        }

        SsfStreamStatus.TryParse(Body(figure), out var status, out var error).Should().BeTrue(error);

        status!.Status.Should().Be("paused");
        WritesBack(status.ToUtf8Json(), figure);
    }

    [TestCaseSource(nameof(SubjectRequests))]
    public void SSF_33_34_Subject_request_figures_read_and_write_back_or_are_refused(TestVector figure)
    {
        var body = Body(figure);
        if (figure.Data.GetProperty("target").GetString()!.EndsWith(":add", StringComparison.Ordinal))
        {
            SsfAddSubjectRequest.TryParse(body, out var add, out var error).Should().Be(figure.Valid, error);
            add!.IsVerified.Should().BeTrue();
            WritesBack(add.ToUtf8Json(), figure);
            return;
        }

        // Figure 42 as printed says "format":"phone", the legacy name of phone_number (RFC 9493 §3.2.4).
        SsfRemoveSubjectRequest.TryParse(body, out var remove, out var refusal).Should().Be(figure.Valid);
        figure.Valid.Should().BeFalse();
        remove.Should().BeNull();
        refusal.Should().Contain("subject");
    }

    [Test]
    public void SSF_34_Figure_42_with_the_registered_format_reads_and_writes_back()
    {
        var corrected = """{"stream_id":"f67e39a0a4d34d56b3aa1bc4cff0069f","subject":{"format":"phone_number","phone_number":"+12065550123"}}""";

        SsfRemoveSubjectRequest.TryParse(Encoding.UTF8.GetBytes(corrected), out var request, out var error).Should().BeTrue(error);

        request!.Subject.Format.Should().Be("phone_number");
        using var written = JsonDocument.Parse(request.ToUtf8Json());
        using var expected = JsonDocument.Parse(corrected);
        JsonElement.DeepEquals(written.RootElement, expected.RootElement).Should().BeTrue();
    }

    [Test]
    public void SSF_37_Verification_request_figure_reads_and_writes_back()
    {
        var figure = Vectors.Named("ssf-fig44-verify-request");

        SsfVerificationRequest.TryParse(Body(figure), out var request, out var error).Should().BeTrue(error);

        request!.State.Should().Be("VGhpcyBpcyBhbiBleGFtcGxlIHN0YXRlIHZhbHVlLgo=");
        WritesBack(request.ToUtf8Json(), figure);
    }

    [TestCaseSource(nameof(EmptyResponses))]
    public void SSF_28_33_34_37_Empty_success_figures_are_classified_as_success(TestVector figure)
    {
        var operation = figure.Name switch
        {
            "ssf-fig34-delete-stream-response" => SsfStreamOperation.Delete,
            "ssf-fig41-add-subject-response" => SsfStreamOperation.AddSubject,
            "ssf-fig43-remove-subject-response" => SsfStreamOperation.RemoveSubject,
            _ => SsfStreamOperation.Verify,
        };
        var status = figure.Data.GetProperty("status").GetInt32();

        figure.Data.GetProperty("body").ValueKind.Should().Be(JsonValueKind.Null);
        SsfStatusCodes.Classify(operation, status).Should().Be(SsfStatusMeaning.Success);
    }

    [TestCase("ssf-fig22-create-stream-response", SsfStreamOperation.Create)]
    [TestCase("ssf-fig24-read-stream-response", SsfStreamOperation.Read)]
    [TestCase("ssf-fig30-update-stream-response", SsfStreamOperation.Update)]
    [TestCase("ssf-fig32-replace-stream-response", SsfStreamOperation.Replace)]
    [TestCase("ssf-fig36-status-response", SsfStreamOperation.ReadStatus)]
    [TestCase("ssf-fig39-update-status-response", SsfStreamOperation.UpdateStatus)]
    public void SSF_24_25_26_27_30_31_Response_figure_statuses_are_success(string name, SsfStreamOperation operation)
    {
        var status = Vectors.Named(name).Data.GetProperty("status").GetInt32();

        SsfStatusCodes.IsSuccess(operation, status).Should().BeTrue();
        SsfStatusCodes.Classify(operation, status).Should().Be(SsfStatusMeaning.Success);
    }

    internal static byte[] Body(TestVector vector) => Encoding.UTF8.GetBytes(vector.Data.GetProperty("body").GetRawText());

    private static void WritesBack(byte[] written, TestVector figure)
    {
        using var document = JsonDocument.Parse(written);
        JsonElement.DeepEquals(document.RootElement, figure.Data.GetProperty("body")).Should().BeTrue(Encoding.UTF8.GetString(written));
    }
}
