using Biobank.Domain.Access;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Biobank.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Biobank.Server.Partners;

/// <summary>biobank.v1.DirectoryService: the partnership's organisations and sites, and the caller's identity.</summary>
public sealed class DirectoryService(IOptions<DirectoryOptions> directory, CallContext call)
    : V1.DirectoryService.DirectoryServiceBase
{
    public override Task<ListOrganisationsResponse> ListOrganisations(ListOrganisationsRequest request, ServerCallContext context)
    {
        var page = Paging.Page(
            directory.Value.Organisations, Keyset.ByName<DirectoryOptions.OrganisationEntry>(o => o.Id),
            new PageRequest(request.PageSize, request.PageToken, ResourceNames.OrganisationsCollection, ""));
        var response = new ListOrganisationsResponse { NextPageToken = page.NextPageToken };
        response.Organisations.Add(page.Items.Select(o => new Organisation
        {
            Name = ResourceNames.Organisation(o.Id),
            DisplayName = o.DisplayName,
            LegalName = o.LegalName,
        }));
        return Task.FromResult(response);
    }

    public override Task<ListSitesResponse> ListSites(ListSitesRequest request, ServerCallContext context)
    {
        var organisation = string.IsNullOrEmpty(request.Organisation)
            ? null
            : ResourceNames.ParseOrganisation(request.Organisation, "organisation");
        var page = Paging.Page(
            directory.Value.Sites.Where(s => organisation is null || s.Organisation == organisation),
            Keyset.ByName<DirectoryOptions.SiteEntry>(s => s.Id),
            new PageRequest(request.PageSize, request.PageToken, ResourceNames.SitesCollection, organisation ?? ""));
        var response = new ListSitesResponse { NextPageToken = page.NextPageToken };
        response.Sites.Add(page.Items.Select(s => new Site
        {
            Name = ResourceNames.Site(s.Id),
            Organisation = ResourceNames.Organisation(s.Organisation),
            DisplayName = s.DisplayName,
            City = s.City,
            TimeZone = s.TimeZone,
        }));
        return Task.FromResult(response);
    }

    public override Task<CallerIdentity> GetCallerIdentity(GetCallerIdentityRequest request, ServerCallContext context)
    {
        var caller = call.Caller ?? throw new InvalidOperationException("Authenticated calls always have a caller.");
        var identity = new CallerIdentity
        {
            Subject = caller.Subject,
            Organisation = ResourceNames.Organisation(caller.Organisation),
        };
        identity.Roles.Add(caller.Roles.Order(StringComparer.Ordinal));
        return Task.FromResult(identity);
    }
}
