using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;

namespace Biobank.Server.Tests.Partners;

public sealed class DirectoryServiceTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task Lists_both_partner_organisations()
    {
        using var client = server.ClientFor("alice", "inserm", Role.Technician);

        var response = await client.Directory.ListOrganisationsAsync(new ListOrganisationsRequest());

        response.Organisations.Select(o => o.Name).ShouldBe(["organisations/anses", "organisations/inserm"]);
        response.Organisations.ShouldAllBe(o => o.DisplayName != "" && o.LegalName != "");
        response.NextPageToken.ShouldBeEmpty();
    }

    [Fact]
    public async Task Sites_carry_their_city_and_IANA_time_zone()
    {
        using var client = server.ClientFor("alice", "inserm", Role.Technician);

        var response = await client.Directory.ListSitesAsync(new ListSitesRequest { Organisation = "organisations/inserm" });

        response.Sites.ShouldNotBeEmpty();
        response.Sites.ShouldAllBe(s => s.Organisation == "organisations/inserm");
        response.Sites.ShouldContain(s => s.City == "Paris" && s.TimeZone == "Europe/Paris");
        response.Sites.ShouldContain(s => s.TimeZone == "Indian/Reunion");
    }

    [Fact]
    public async Task Paging_walks_every_site_once_in_id_order()
    {
        using var client = server.ClientFor("alice", "anses", Role.LabSystem);
        var all = (await client.Directory.ListSitesAsync(new ListSitesRequest())).Sites.Select(s => s.Name).ToList();

        var walked = new List<string>();
        var token = "";
        do
        {
            var page = await client.Directory.ListSitesAsync(new ListSitesRequest { PageSize = 3, PageToken = token });
            page.Sites.Count.ShouldBeLessThanOrEqualTo(3);
            walked.AddRange(page.Sites.Select(s => s.Name));
            token = page.NextPageToken;
        }
        while (token != "");

        walked.ShouldBe(all);
        all.ShouldBe(all.Order(StringComparer.Ordinal).ToList());
        all.Count.ShouldBeGreaterThan(3);
    }

    [Fact]
    public async Task Negative_page_size_is_an_invalid_argument_naming_the_field()
    {
        using var client = server.ClientFor("alice", "anses", Role.LabSystem);

        var error = await Should.ThrowAsync<RpcException>(
            client.Directory.ListSitesAsync(new ListSitesRequest { PageSize = -1 }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Reason().ShouldBe("INVALID_FIELDS");
        error.FieldViolations().Select(v => v.Field).ShouldBe(["page_size"]);
    }

    [Fact]
    public async Task A_page_token_of_another_filter_is_refused()
    {
        using var client = server.ClientFor("alice", "anses", Role.LabSystem);
        var first = await client.Directory.ListSitesAsync(new ListSitesRequest { PageSize = 1, Organisation = "organisations/anses" });

        var error = await Should.ThrowAsync<RpcException>(client.Directory.ListSitesAsync(
            new ListSitesRequest { PageSize = 1, Organisation = "organisations/inserm", PageToken = first.NextPageToken }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Reason().ShouldBe("INVALID_PAGE_TOKEN");
        error.FieldViolations().Select(v => v.Field).ShouldBe(["page_token"]);
    }

    [Fact]
    public async Task A_malformed_organisation_name_is_an_invalid_argument()
    {
        using var client = server.ClientFor("alice", "anses", Role.LabSystem);

        var error = await Should.ThrowAsync<RpcException>(
            client.Directory.ListSitesAsync(new ListSitesRequest { Organisation = "inserm" }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.FieldViolations().Select(v => v.Field).ShouldBe(["organisation"]);
    }

    [Fact]
    public async Task Caller_identity_echoes_the_token_claims()
    {
        using var client = server.ClientFor("lims-cochin", "inserm", Role.LabSystem, Role.Technician);

        var identity = await client.Directory.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        identity.Subject.ShouldBe("lims-cochin");
        identity.Organisation.ShouldBe("organisations/inserm");
        identity.Roles.ShouldBe([Role.LabSystem, Role.Technician]);
    }
}
