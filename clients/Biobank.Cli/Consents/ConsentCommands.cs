using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Samples;
using Biobank.Cli.Values;
using Biobank.V1;

namespace Biobank.Cli.Consents;

/// <summary><c>consent ...</c>: donors' consents, and their withdrawal with the holds it places (biobank managers).</summary>
public static class ConsentCommands
{
    public static Command Build(CommandTree cli) => CommandTree.Group(
        "consent", "Donors' consents (biobank managers): record, show, withdraw.",
        Record(cli), Show(cli), Withdraw(cli));

    /// <summary>A consent named by its id, or by the donor and collection.</summary>
    private sealed class ConsentChoice
    {
        public Argument<string?> Id { get; } = CommandTree.OptionalArgument("consent", "The consent's id (or give --donor and --collection)");
        public Option<string?> Donor { get; } = CommandTree.Optional("--donor", "The donor's pseudonym", "pseudonym");
        public Option<string?> Collection { get; } = CommandTree.Optional("--collection", "The collection code", "code");

        public Symbol[] All => [Id, Donor, Collection];

        public async Task<Consent> FindAsync(Invocation run) =>
            (run.Get(Id), run.Get(Donor), run.Get(Collection)) switch
            {
                ({ } id, null, null) => await run.Client.Consents.GetConsentAsync(new GetConsentRequest { Name = Names.Of(Names.Consents, id) }, run.Options),
                (null, { } donor, { } collection) => await run.Client.Consents.LookupConsentAsync(new LookupConsentRequest { DonorPseudonym = donor, Collection = collection }, run.Options),
                _ => throw new UsageException("Name the consent by its id, or by --donor and --collection."),
            };
    }

    private static Command Record(CommandTree cli)
    {
        var donor = CommandTree.Required("--donor", "The donor's pseudonym (a code, never a name)", "pseudonym");
        var collection = CommandTree.Required("--collection", "The collection code", "code");
        var document = CommandTree.Required("--document", "Version of the consent form signed, e.g. v3.2-2025", "version");
        var uses = CommandTree.RepeatedWord<PermittedUse>("--use", "A use the donor permits");
        return cli.Leaf("record", "Record a donor's consent for a collection, or a new version of it.", [donor, collection, document, uses], async run =>
        {
            var consent = new Consent { DonorPseudonym = run.Get(donor), Collection = run.Get(collection), DocumentVersion = run.Get(document) };
            consent.PermittedUses.Add(run.Get(uses));
            var recorded = await run.Change(new RecordConsentRequest { Consent = consent }, run.Client.Consents.RecordConsentAsync);
            run.Show(recorded, screen => screen.Done(
                $"Recorded consent {Names.Id(recorded.Name)} of {recorded.DonorPseudonym} to {recorded.Collection} ({recorded.DocumentVersion}): {Uses(recorded)}."));
        });
    }

    private static Command Show(CommandTree cli)
    {
        var choice = new ConsentChoice();
        return cli.Leaf("show", "Show a consent: its version, permitted uses and any withdrawal.", choice.All, async run =>
        {
            var consent = await choice.FindAsync(run);
            run.Show(consent, screen => screen.Fields(
                ("consent", new Cell(Names.Id(consent.Name), Tone.Strong)),
                ("donor", consent.DonorPseudonym),
                ("collection", consent.Collection),
                ("document", consent.DocumentVersion),
                ("permitted uses", Uses(consent)),
                ("withdrawn", consent.Withdrawn ? new Cell($"{Times.Show(consent.WithdrawTime, run.Zone)}: {Words.Of(consent.WithdrawalScope)}", Tone.Bad) : new Cell("no")),
                ("recorded", Times.Show(consent.CreateTime, run.Zone))));
        });
    }

    private static Command Withdraw(CommandTree cli)
    {
        var choice = new ConsentChoice();
        var scope = CommandTree.Word<WithdrawalScope>("--scope", "What the donor asks for", required: true);
        var reason = CommandTree.Required("--reason", "How the withdrawal was received", "text");
        return cli.Leaf("withdraw", "Withdraw a consent: every sample of the donor in the collection, and all made from them, goes on hold.", [.. choice.All, scope, reason], async run =>
        {
            var consent = await choice.FindAsync(run);
            var response = await run.Change(
                new WithdrawConsentRequest { Name = consent.Name, Scope = run.Get(scope)!.Value, Reason = run.Get(reason), Etag = consent.Etag },
                run.Client.Consents.WithdrawConsentAsync);
            var held = run.Json ? [] : await SampleView.ReadAllAsync(run, response.HeldSamples);
            run.Show(response, screen =>
            {
                screen.Done($"Consent {Names.Id(consent.Name)} of {consent.DonorPseudonym} to {consent.Collection} withdrawn ({Words.Of(response.Consent.WithdrawalScope)}); {response.HeldSamples.Count} sample(s) put on hold for consent review.");
                if (held.Count > 0)
                {
                    screen.Table(SampleView.List(held));
                }

                if (response.Consent.WithdrawalScope == WithdrawalScope.DestroyRemainingMaterial)
                {
                    screen.Note("The donor asks for the material to be destroyed: biobank samples dispose BARCODE --method ... --reason ...");
                }
            });
        });
    }

    private static string Uses(Consent consent) =>
        consent.PermittedUses.Count == 0 ? "none" : string.Join(", ", consent.PermittedUses.Select(Words.Of));
}
