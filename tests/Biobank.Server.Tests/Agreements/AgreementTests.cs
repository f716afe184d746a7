using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Server.Tests.Agreements;

/// <summary>Material transfer agreements: who records them, what they cover, when they hold.</summary>
public sealed class AgreementTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task Either_partys_biobank_managers_record_an_agreement_and_everyone_reads_it()
    {
        using var recipient = server.InsermBiobankManager();
        using var technician = server.AnsesTechnician();

        var agreement = await recipient.RegisterAgreementAsync(sources: [SourceKind.Isolate, SourceKind.Environment], materials: [MaterialType.BacterialIsolate]);
        var read = await technician.Agreements.GetAgreementAsync(new GetAgreementRequest { Name = agreement.Name });
        var denied = await Should.ThrowAsync<RpcException>(technician.RegisterAgreementAsync());

        agreement.State.ShouldBe(AgreementState.Active);
        agreement.ProviderOrganisation.ShouldBe("organisations/anses");
        agreement.SourceKinds.ShouldBe([SourceKind.Environment, SourceKind.Isolate]);
        read.ShouldBe(agreement);
        denied.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        denied.Reason().ShouldBe("ROLE_REQUIRED");
    }

    [Fact]
    public async Task An_agreement_names_two_known_organisations_something_to_cover_and_a_sensible_validity()
    {
        using var manager = server.AnsesBiobankManager();
        var request = new RegisterAgreementRequest
        {
            RequestId = BiobankClient.NewRequestId(),
            Agreement = new Agreement
            {
                ProviderOrganisation = "organisations/anses",
                RecipientOrganisation = "organisations/anses",
                Validity = new TimeInterval
                {
                    StartTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                    EndTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(12)),
                },
                MaterialTypes = { MaterialType.Unspecified },
            },
        };

        var invalid = await Should.ThrowAsync<RpcException>(manager.Agreements.RegisterAgreementAsync(request).ResponseAsync);

        invalid.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        invalid.FieldViolations().Select(v => v.Field).Order(StringComparer.Ordinal).ShouldBe(
        [
            "agreement.external_reference", "agreement.material_types[0]", "agreement.permitted_purposes", "agreement.recipient_organisation",
            "agreement.source_kinds", "agreement.validity",
        ]);
    }

    [Fact]
    public async Task Lists_filter_by_party_and_by_whether_the_agreement_holds_now()
    {
        using var manager = server.AnsesBiobankManager();
        var active = await manager.RegisterAgreementAsync();
        var future = await manager.RegisterAgreementAsync(validity: new TimeInterval
        {
            StartTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(10)),
            EndTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(1)),
        });
        var revoked = await manager.RegisterAgreementAsync();
        var revocation = new RevokeAgreementRequest { RequestId = BiobankClient.NewRequestId(), Name = revoked.Name, Reason = "Signed in error", Etag = revoked.Etag };
        var first = await manager.Agreements.RevokeAgreementAsync(revocation);
        var again = await manager.Agreements.RevokeAgreementAsync(new RevokeAgreementRequest { RequestId = BiobankClient.NewRequestId(), Name = revoked.Name, Reason = "Twice" });

        first.State.ShouldBe(AgreementState.Revoked);
        first.RevocationReason.ShouldBe("Signed in error");
        again.ShouldBe(first);
        future.State.ShouldBe(AgreementState.NotYetValid);
        var holding = await ListAsync(manager, AgreementState.Active);
        holding.ShouldContain(active.Name);
        holding.ShouldNotContain(future.Name);
        holding.ShouldNotContain(revoked.Name);
        (await ListAsync(manager, AgreementState.NotYetValid)).ShouldContain(future.Name);
        (await ListAsync(manager, AgreementState.Revoked)).ShouldContain(revoked.Name);
    }

    private static async Task<List<string>> ListAsync(BiobankClient client, AgreementState state)
    {
        var names = new List<string>();
        var request = new ListAgreementsRequest { Party = "organisations/inserm", State = state, PageSize = 2 };
        do
        {
            var page = await client.Agreements.ListAgreementsAsync(request);
            names.AddRange(page.Agreements.Select(a => a.Name));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        return names;
    }
}
