using Marten;

namespace Biobank.Server.Samples;

public static class SampleStore
{
    /// <summary>Samples as inline snapshots, and the tables that guard their barcodes and positions.</summary>
    public static void ConfigureSamples(this StoreOptions store)
    {
        store.Storage.ExtendedSchemaObjects.Add(SamplePositions.Schema);
    }
}
