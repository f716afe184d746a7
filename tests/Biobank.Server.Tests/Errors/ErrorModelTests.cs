using Biobank.Domain.Access;
using Biobank.Domain.Failures;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;

namespace Biobank.Server.Tests.Errors;

public sealed class ErrorModelTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public void Every_reason_the_server_sends_is_documented_in_the_contract()
    {
        var sent = typeof(ErrorReasons).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order().ToList();

        var documented = Enum.GetValues<ErrorReason>()
            .Where(r => r != ErrorReason.Unspecified)
            .Select(r => CommonReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(ErrorReason)).FindValueByNumber((int)r).Name["ERROR_REASON_".Length..])
            .Order()
            .ToList();

        documented.ShouldBe(sent);
    }

    [Fact]
    public async Task The_correlation_id_a_caller_sends_is_echoed_back()
    {
        using var client = server.ClientFor("alice", "inserm", Role.Technician);

        var call = client.Directory.GetCallerIdentityAsync(
            new GetCallerIdentityRequest(), new Grpc.Core.Metadata { { "x-correlation-id", "lims-batch-42" } });
        await call.ResponseAsync;

        (await call.ResponseHeadersAsync).GetValue("x-correlation-id").ShouldBe("lims-batch-42");
    }

    [Fact]
    public async Task Without_a_correlation_id_the_trace_id_is_returned()
    {
        using var client = server.ClientFor("alice", "inserm", Role.Technician);

        var call = client.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        await call.ResponseAsync;

        (await call.ResponseHeadersAsync).GetValue("x-correlation-id")!.ShouldMatch("^[0-9a-f]{32}$");
    }
}
