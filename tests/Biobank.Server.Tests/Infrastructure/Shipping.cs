using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Server.Tests.Infrastructure;

/// <summary>Agreements, consents and transfers between the two institutes, for the tests of transfers.</summary>
public static class Shipping
{
    public const string MaisonsAlfort = "sites/anses-maisons-alfort";
    public const string Lyon = "sites/anses-lyon";
    public const string Cochin = "sites/inserm-paris-cochin";
    public const string LaReunion = "sites/inserm-la-reunion";

    /// <summary>An Anses person who both manages the biobank and its instruments, as the sender's approvals need.</summary>
    public static BiobankClient AnsesHead(this BiobankServerFixture server) =>
        server.ClientFor("helene.head", "anses", Role.BiobankManager, Role.FacilityManager);

    public static BiobankClient InsermHead(this BiobankServerFixture server) =>
        server.ClientFor("louis.head", "inserm", Role.BiobankManager, Role.FacilityManager);

    public static BiobankClient Auditor(this BiobankServerFixture server) => server.ClientFor("agnes.audit", "anses", Role.Auditor);

    /// <summary>An active agreement from Anses to Inserm for research on human and animal serum and plasma, unless told otherwise.</summary>
    public static Task<Agreement> RegisterAgreementAsync(
        this BiobankClient manager, string provider = "organisations/anses", string recipient = "organisations/inserm",
        MaterialType[]? materials = null, SourceKind[]? sources = null, PermittedUse[]? purposes = null, TimeInterval? validity = null)
    {
        var agreement = new Agreement
        {
            ProviderOrganisation = provider,
            RecipientOrganisation = recipient,
            Validity = validity ?? new TimeInterval
            {
                StartTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-30)),
                EndTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddYears(2)),
            },
            ExternalReference = $"MTA-{Guid.NewGuid():N}"[..12],
        };
        agreement.MaterialTypes.Add(materials ?? [MaterialType.Serum, MaterialType.Plasma]);
        agreement.SourceKinds.Add(sources ?? [SourceKind.Human, SourceKind.Animal]);
        agreement.PermittedPurposes.Add(purposes ?? [PermittedUse.GeneralResearch, PermittedUse.GeneticResearch]);
        return manager.Agreements.RegisterAgreementAsync(new RegisterAgreementRequest { RequestId = BiobankClient.NewRequestId(), Agreement = agreement }).ResponseAsync;
    }

    /// <summary>Records the consent of <paramref name="donor"/> to research and to sharing with the partner, unless told otherwise.</summary>
    public static Task<Consent> RecordConsentAsync(this BiobankClient manager, string donor, params PermittedUse[] uses)
    {
        var consent = new Consent { DonorPseudonym = donor, Collection = "EPIDEMIO-AMR", DocumentVersion = "v3-2025" };
        consent.PermittedUses.Add(uses.Length > 0 ? uses : [PermittedUse.GeneralResearch, PermittedUse.PartnerSharing]);
        return manager.Consents.RecordConsentAsync(new RecordConsentRequest { RequestId = BiobankClient.NewRequestId(), Consent = consent }).ResponseAsync;
    }

    /// <summary>A new donor pseudonym.</summary>
    public static string Donor() => $"DON-{Guid.NewGuid():N}"[..12].ToUpperInvariant();

    /// <summary>Serum samples of consenting donors in a new box at Maisons-Alfort, one per position A1, A2…</summary>
    public static async Task<List<Sample>> ConsentedSerumAsync(this BiobankClient manager, int count, string site = MaisonsAlfort)
    {
        var box = await manager.CreateBoxAsync(site);
        var samples = new List<Sample>();
        for (var i = 0; i < count; i++)
        {
            var donor = Donor();
            await manager.RecordConsentAsync(donor);
            samples.Add(await manager.RegisterSampleAsync(Catalogue.Serum(donor, position: box.At(PositionOf(i)))));
        }

        return samples;
    }

    /// <summary>The i-th position of a 8 × 12 box, row by row: A1 … A12, B1 …</summary>
    public static string PositionOf(int i) => $"{(char)('A' + (i / 12))}{(i % 12) + 1}";

    /// <summary>A request moving <paramref name="items"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static RequestTransferRequest Transfer(
        IEnumerable<string> items, string from = MaisonsAlfort, string to = Cochin, string agreement = "", PermittedUse purpose = PermittedUse.GeneralResearch,
        DateTimeOffset? expectedReturn = null, string project = "AMR-2026")
    {
        var transfer = new Transfer
        {
            FromSite = from,
            ToSite = to,
            Purpose = purpose,
            Project = project,
            Agreement = agreement,
            ExpectedReturnTime = expectedReturn is { } back ? Timestamp.FromDateTimeOffset(back) : null,
        };
        transfer.Items.Add(items.Select(i => new TransferItem { Item = i }));
        return new RequestTransferRequest { RequestId = BiobankClient.NewRequestId(), Transfer = transfer };
    }

    public static Task<Transfer> RequestAsync(this BiobankClient client, RequestTransferRequest request) =>
        client.Transfers.RequestTransferAsync(request).ResponseAsync;

    public static Task<Transfer> ApproveAsync(this BiobankClient client, Transfer transfer) =>
        client.Transfers.ApproveTransferAsync(new ApproveTransferRequest { RequestId = BiobankClient.NewRequestId(), Name = transfer.Name }).ResponseAsync;

    public static Task<Transfer> DispatchAsync(this BiobankClient client, Transfer transfer, string carrier = "World Courier")
    {
        var shipment = new Shipment
        {
            Carrier = carrier,
            TrackingNumber = "WC-7731-0042",
            Packaging = Packaging.Un3373CategoryB,
            DryIceKilograms = 5.5,
            TemperatureLoggerId = "LOG-0193",
        };
        shipment.SealIds.Add(["SEAL-1", "SEAL-2"]);
        return client.Transfers.DispatchTransferAsync(new DispatchTransferRequest { RequestId = BiobankClient.NewRequestId(), Name = transfer.Name, Shipment = shipment }).ResponseAsync;
    }

    public static Task<Transfer> ReceiveAsync(this BiobankClient client, Transfer transfer, params ItemReceipt[] receipts)
    {
        var request = new ReceiveTransferRequest { RequestId = BiobankClient.NewRequestId(), Name = transfer.Name };
        request.Receipts.Add(receipts);
        return client.Transfers.ReceiveTransferAsync(request).ResponseAsync;
    }

    public static ItemReceipt Good(string item, StoragePosition? position = null) =>
        new() { Item = item, Condition = ItemCondition.Good, StoragePosition = position };

    public static Task<Sample> GetAsync(this BiobankClient client, Sample sample) =>
        client.Samples.GetSampleAsync(new GetSampleRequest { Name = sample.Name }).ResponseAsync;

    public static Task<Transfer> GetAsync(this BiobankClient client, Transfer transfer) =>
        client.Transfers.GetTransferAsync(new GetTransferRequest { Name = transfer.Name }).ResponseAsync;
}
