extern alias BiobankServer;

using System.Text;
using System.Text.Json.Nodes;
using Biobank.Client;
using Biobank.Domain.Failures;
using BiobankServer::Biobank.Server.Errors;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Grpc.Core;
using Npgsql;

namespace Biobank.Server.Tests.Api;

/// <summary>
/// Input a careless or hostile caller sends is refused as INVALID_ARGUMENT naming the field, never
/// answered as a fault, and leaves nothing stored.
/// </summary>
public sealed class HostileRequestTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    private const string Nul = "\0";

    [Fact]
    public async Task A_nul_character_in_a_stored_string_is_a_field_violation_and_stores_nothing()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var manager = server.AnsesBiobankManager();
        using var facility = server.AnsesManager();
        var booking = Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 2), TimeSpan.FromHours(1), purpose: $"Imaging{Nul}");
        var sample = Catalogue.Serum();
        sample.Barcode = $"BC{Nul}1";
        var serum = Catalogue.Serum();
        serum.Collection = $"EPIDEMIO{Nul}";
        serum.SprecCode = $"SER{Nul}";
        var before = await StoredAsync();

        await RefusedAsync(alice.Reservations.CreateReservationAsync(booking).ResponseAsync, "reservation.purpose");
        await RefusedAsync(manager.Samples.RegisterSampleAsync(new RegisterSampleRequest { RequestId = BiobankClient.NewRequestId(), Sample = sample }).ResponseAsync, "sample.barcode");
        var both = await RefusedAsync(manager.Samples.RegisterSampleAsync(new RegisterSampleRequest { RequestId = BiobankClient.NewRequestId(), Sample = serum }).ResponseAsync, "sample.collection");
        both.FieldViolations().Select(v => v.Field).ShouldContain("sample.sprec_code");
        await RefusedAsync(facility.RegisterAsync($"Confocal{Nul}", EquipmentKind.ConfocalMicroscope, "sites/anses-maisons-alfort"), "equipment.display_name");

        (await StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_nul_character_in_a_filter_or_a_lookup_is_a_field_violation()
    {
        using var alice = server.AnsesTechnician();
        using var manager = server.AnsesBiobankManager();

        await RefusedAsync(alice.Equipment.ListEquipmentAsync(new ListEquipmentRequest { Text = $"LSM{Nul}" }).ResponseAsync, "text");
        await RefusedAsync(alice.Reservations.ListReservationsAsync(new ListReservationsRequest { Project = $"AMR{Nul}" }).ResponseAsync, "project");
        await RefusedAsync(alice.Reservations.ListReservationsAsync(new ListReservationsRequest { BookedBy = $"alice{Nul}" }).ResponseAsync, "booked_by");
        await RefusedAsync(manager.Samples.ListSamplesAsync(new ListSamplesRequest { Collection = $"EPI{Nul}" }).ResponseAsync, "collection");
        await RefusedAsync(manager.Samples.LookupSampleAsync(new LookupSampleRequest { Barcode = $"BC{Nul}" }).ResponseAsync, "barcode");
    }

    [Fact]
    public async Task A_string_that_is_not_utf8_on_the_wire_is_a_field_violation_not_a_fault()
    {
        using var manager = server.AnsesBiobankManager();
        var bytes = Grpc.Core.Marshallers.Create<byte[]>(b => b, b => b);
        var lookup = new Method<byte[], byte[]>(MethodType.Unary, "biobank.v1.SampleService", "LookupSample", bytes, bytes);

        // Field 1 (barcode), length 2: 0xFF 0xFE is no UTF-8.
        var error = await Should.ThrowAsync<RpcException>(
            manager.Channel.CreateCallInvoker().AsyncUnaryCall(lookup, null, new CallOptions(), [0x0A, 0x02, 0xFF, 0xFE]).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Reason().ShouldBe("INVALID_FIELDS");
    }

    [Fact]
    public async Task A_page_token_whose_key_holds_a_nul_character_is_an_invalid_page_token()
    {
        using var manager = server.AnsesBiobankManager();
        await manager.RegisterSampleAsync();
        await manager.RegisterSampleAsync();
        var first = await manager.Samples.ListSamplesAsync(new ListSamplesRequest { PageSize = 1 });
        first.NextPageToken.ShouldNotBeEmpty();

        var tampered = WithLastKey(first.NextPageToken, $"samples/{Nul}");
        var error = await Should.ThrowAsync<RpcException>(
            manager.Samples.ListSamplesAsync(new ListSamplesRequest { PageSize = 1, PageToken = tampered }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Reason().ShouldBe("INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task A_string_longer_than_any_field_allows_is_a_field_violation()
    {
        using var alice = server.AnsesTechnician();

        await RefusedAsync(alice.Equipment.ListEquipmentAsync(new ListEquipmentRequest { Text = new string('a', 1024 * 1024) }).ResponseAsync, "text");
    }

    [Theory]
    [InlineData("anses-maisons-alfort")]
    [InlineData("sites/")]
    [InlineData("organisations/anses")]
    [InlineData("sites/anses-maisons-alfort/x")]
    public async Task A_site_that_is_not_a_site_name_is_a_field_violation(string site)
    {
        using var facility = server.AnsesManager();
        using var manager = server.AnsesBiobankManager();

        await RefusedAsync(facility.RegisterAsync("Confocal", EquipmentKind.ConfocalMicroscope, site), "equipment.site");
        await RefusedAsync(manager.CreateUnitAsync(StorageUnitKind.Freezer, site, band: TemperatureBand.Minus80), "storage_unit.site");
    }

    [Fact]
    public async Task An_enum_value_the_contract_does_not_define_is_a_field_violation_in_filters_too()
    {
        using var manager = server.AnsesBiobankManager();

        await RefusedAsync(manager.Samples.ListSamplesAsync(new ListSamplesRequest { State = (SampleState)99 }).ResponseAsync, "state");
        await RefusedAsync(manager.Storage.ListStorageUnitsAsync(new ListStorageUnitsRequest { Kind = (StorageUnitKind)(-1) }).ResponseAsync, "kind");
        await RefusedAsync(
            manager.Reservations.ListReservationsAsync(new ListReservationsRequest { States = { ReservationState.Confirmed, (ReservationState)42 } }).ResponseAsync,
            "states[1]");
    }

    [Fact]
    public async Task A_lookup_of_a_10_kb_barcode_is_refused_in_trailers_a_client_reads()
    {
        using var manager = server.AnsesBiobankManager();

        var error = await Should.ThrowAsync<RpcException>(
            manager.Samples.LookupSampleAsync(new LookupSampleRequest { Barcode = new string('B', 10 * 1024) }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.FieldViolations().Single().Field.ShouldBe("barcode");
        error.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? t.ValueBytes.Length * 4 / 3 : t.Value.Length)).ShouldBeLessThan(8 * 1024);
    }

    [Fact]
    public void An_error_echoes_at_most_a_bounded_part_of_any_value()
    {
        var echoed = new string('B', 10 * 1024);

        var status = RpcErrors.From(new ResourceNotFoundException(echoed));

        status.Message.Length.ShouldBeLessThanOrEqualTo(1000);
        status.Details.Single().Unpack<Google.Rpc.ErrorInfo>().Metadata["name"].Length.ShouldBeLessThanOrEqualTo(256);
        status.CalculateSize().ShouldBeLessThan(2 * 1024);
    }

    private static async Task<RpcException> RefusedAsync<T>(Task<T> call, string field)
    {
        var error = await Should.ThrowAsync<RpcException>(call);
        error.StatusCode.ShouldBe(StatusCode.InvalidArgument, error.Status.Detail);
        error.FieldViolations().Select(v => v.Field).ShouldContain(field);
        return error;
    }

    private static string WithLastKey(string pageToken, string lastKey)
    {
        var base64 = pageToken.Replace('-', '+').Replace('_', '/');
        var json = JsonNode.Parse(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')))!;
        json["LastKey"] = lastKey;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>How many events and recorded responses the database holds.</summary>
    private async Task<(long Events, long Responses)> StoredAsync()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (select count(*) from biobank.mt_events), (select count(*) from biobank.request_log)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
