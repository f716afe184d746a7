using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;

namespace Biobank.Cli.Agreements;

/// <summary><c>agreements ...</c>: the material transfer agreements samples cross between the partners under.</summary>
public static class AgreementCommands
{
    public static Command Build(CommandTree cli) => CommandTree.Group(
        "agreements", "Material transfer agreements between the partners: list, show, register, revoke.",
        List(cli), Show(cli), Register(cli), Revoke(cli));

    private static Argument<string> Id() => CommandTree.Argument("agreement", "The agreement's id");

    private static Task<Agreement> GetAsync(Invocation run, string id) =>
        run.Client.Agreements.GetAgreementAsync(new GetAgreementRequest { Name = Names.Of(Names.Agreements, id) }, run.Options).ResponseAsync;

    private static Command List(CommandTree cli)
    {
        var party = CommandTree.Optional("--party", "Only agreements this organisation is a party to", "id");
        var state = CommandTree.Word<AgreementState>("--state", "Only agreements in this state now");
        var limit = Paging.LimitOption();
        return cli.Leaf("list", "List the agreements, by party and state.", [party, state, limit], async run =>
        {
            var request = new ListAgreementsRequest
            {
                Party = run.Get(party) is { } p ? Names.Of(Names.Organisations, p) : "",
                State = run.Get(state) ?? AgreementState.Unspecified,
            };
            var agreements = await Paging.CollectAsync<Agreement>(run, run.Get(limit), async (token, size) =>
            {
                request.PageToken = token;
                request.PageSize = size;
                var page = await run.Client.Agreements.ListAgreementsAsync(request, run.Options);
                return (page.Agreements, page.NextPageToken);
            });
            run.Show(agreements, screen =>
            {
                var table = new Table("agreement", "reference", "provider", "recipient", "state", "valid", "purposes");
                foreach (var a in agreements)
                {
                    table.Row(Names.Id(a.Name), a.ExternalReference, Names.Id(a.ProviderOrganisation), Names.Id(a.RecipientOrganisation),
                        State(a.State), Times.ShowInterval(a.Validity, run.Zone), string.Join(", ", a.PermittedPurposes.Select(Words.Of)));
                }

                screen.Table(table);
            });
        });
    }

    private static Command Show(CommandTree cli)
    {
        var id = Id();
        return cli.Leaf("show", "Show an agreement: its parties, what it covers, and whether it holds.", [id], async run =>
        {
            var a = await GetAsync(run, run.Get(id));
            run.Show(a, screen => screen.Fields(
                ("agreement", new Cell(Names.Id(a.Name), Tone.Strong)),
                ("reference", a.ExternalReference),
                ("provider", Names.Id(a.ProviderOrganisation)),
                ("recipient", Names.Id(a.RecipientOrganisation)),
                ("state", State(a.State)),
                ("revoked because", a.RevocationReason),
                ("valid", Times.ShowInterval(a.Validity, run.Zone)),
                ("purposes", string.Join(", ", a.PermittedPurposes.Select(Words.Of))),
                ("materials", string.Join(", ", a.MaterialTypes.Select(Words.Of))),
                ("sources", string.Join(", ", a.SourceKinds.Select(Words.Of))),
                ("onward transfer", a.OnwardTransferAllowed ? "allowed" : "not allowed"),
                ("nagoya (ABS)", a.AccessAndBenefitSharingReference)));
        });
    }

    private static Command Register(CommandTree cli)
    {
        var provider = CommandTree.Required("--provider", "The organisation whose material is sent", "id");
        var recipient = CommandTree.Required("--recipient", "The organisation that receives it", "id");
        var purposes = CommandTree.RepeatedWord<PermittedUse>("--purpose", "A use the recipient may make of the material", required: true);
        var materials = CommandTree.RepeatedWord<MaterialType>("--material", "A material covered", required: true);
        var sources = CommandTree.RepeatedWord<SourceKind>("--source", "A source kind covered", required: true);
        var from = CommandTree.Optional("--from", "When it starts to hold [default: now]", "time");
        var until = CommandTree.Required("--until", "When it ends, e.g. 2028-12-31", "time");
        var reference = CommandTree.Required("--reference", "Identifier of the signed document, e.g. MTA-2026-014", "id");
        var onward = CommandTree.Flag("--onward-transfer", "The recipient may pass the material on to a third party");
        var nagoya = CommandTree.Optional("--abs-reference", "Access-and-benefit-sharing (Nagoya) reference, for isolates and environmental material", "reference");
        var id = CommandTree.Optional("--id", "Id to give it [default: a UUID]", "id");
        return cli.Leaf("register", "Record a signed agreement (biobank managers of either party).",
            [provider, recipient, purposes, materials, sources, from, until, reference, onward, nagoya, id], async run =>
            {
                var agreement = new Agreement
                {
                    ProviderOrganisation = Names.Of(Names.Organisations, run.Get(provider)),
                    RecipientOrganisation = Names.Of(Names.Organisations, run.Get(recipient)),
                    OnwardTransferAllowed = run.Get(onward),
                    Validity = new TimeInterval
                    {
                        StartTime = Timestamp.FromDateTimeOffset(run.Get(from) is { } start ? run.Time(start) : run.Now),
                        EndTime = Timestamp.FromDateTimeOffset(run.Time(run.Get(until))),
                    },
                    ExternalReference = run.Get(reference),
                    AccessAndBenefitSharingReference = run.Get(nagoya) ?? "",
                };
                agreement.PermittedPurposes.Add(run.Get(purposes));
                agreement.MaterialTypes.Add(run.Get(materials));
                agreement.SourceKinds.Add(run.Get(sources));
                var registered = await run.Change(
                    new RegisterAgreementRequest { AgreementId = run.Get(id) ?? "", Agreement = agreement }, run.Client.Agreements.RegisterAgreementAsync);
                run.Show(registered, screen => screen.Done(
                    $"Registered agreement {Names.Id(registered.Name)} ({registered.ExternalReference}) from {Names.Id(registered.ProviderOrganisation)} " +
                    $"to {Names.Id(registered.RecipientOrganisation)}, {Words.Of(registered.State)}, {Times.ShowInterval(registered.Validity, run.Zone)}."));
            }, "create");
    }

    private static Command Revoke(CommandTree cli)
    {
        var id = Id();
        var reason = CommandTree.Required("--reason", "Why", "text");
        return cli.Leaf("revoke", "Revoke an agreement: transfers not yet dispatched under it no longer pass the release gate.", [id, reason], async run =>
        {
            var agreement = await GetAsync(run, run.Get(id));
            var revoked = await run.Change(
                new RevokeAgreementRequest { Name = agreement.Name, Etag = agreement.Etag, Reason = run.Get(reason) }, run.Client.Agreements.RevokeAgreementAsync);
            run.Show(revoked, screen => screen.Done($"Revoked agreement {Names.Id(revoked.Name)} ({revoked.ExternalReference})."));
        });
    }

    private static Cell State(AgreementState state) => new(Words.Of(state), state == AgreementState.Active ? Tone.Good : Tone.Muted);
}
