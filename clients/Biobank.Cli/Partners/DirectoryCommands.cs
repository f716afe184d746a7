using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.V1;

namespace Biobank.Cli.Partners;

/// <summary><c>sites</c> and <c>organisations</c>: the partnership's reference data.</summary>
public static class DirectoryCommands
{
    public static Command Sites(CommandTree cli)
    {
        var organisation = CommandTree.Optional("--org", "Only this organisation's sites", "id");
        return cli.Leaf("sites", "List the sites where instruments and samples are kept, with their time zones.", [organisation], async run =>
        {
            var request = new ListSitesRequest { PageSize = 1000 };
            if (run.Get(organisation) is { } org)
            {
                request.Organisation = Names.Of(Names.Organisations, org);
            }

            var sites = (await run.Client.Directory.ListSitesAsync(request, run.Options)).Sites;
            run.Show(sites, screen =>
            {
                var table = new Table("site", "organisation", "name", "city", "time zone");
                foreach (var site in sites)
                {
                    table.Row(Names.Id(site.Name), Names.Id(site.Organisation), site.DisplayName, site.City, site.TimeZone);
                }

                screen.Table(table);
            });
        });
    }

    public static Command Organisations(CommandTree cli) =>
        cli.Leaf("organisations", "List the partner organisations.", [], async run =>
        {
            var organisations = (await run.Client.Directory.ListOrganisationsAsync(new ListOrganisationsRequest { PageSize = 1000 }, run.Options)).Organisations;
            run.Show(organisations, screen =>
            {
                var table = new Table("organisation", "name", "legal name");
                foreach (var organisation in organisations)
                {
                    table.Row(Names.Id(organisation.Name), organisation.DisplayName, organisation.LegalName);
                }

                screen.Table(table);
            });
        }, "orgs");
}
