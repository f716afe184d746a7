using System.Data.Common;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;

namespace Biobank.Server.Storage;

/// <summary>
/// A table (with the constraints and indexes Weasel's table model cannot express, such as
/// exclusion constraints) created by plain DDL when it does not exist yet, as part of Marten's
/// schema migration.
/// </summary>
public sealed class SqlSchemaObject(string schema, string table, string createStatements) : ISchemaObject
{
    public DbObjectName Identifier { get; } = new PostgresqlObjectName(schema, table, SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer) => writer.WriteLine(createStatements);

    public void WriteDropStatement(Migrator rules, TextWriter writer) =>
        writer.WriteLine($"drop table if exists {Identifier.QualifiedName} cascade;");

    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        builder.Append("select count(*) from pg_catalog.pg_tables where schemaname = ");
        builder.AppendParameter(Identifier.Schema);
        builder.Append(" and tablename = ");
        builder.AppendParameter(Identifier.Name);
        builder.Append(";");
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct)
    {
        var exists = await reader.ReadAsync(ct) && reader.GetInt64(0) > 0;
        return new SchemaObjectDelta(this, exists ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }

    public IEnumerable<DbObjectName> AllNames() => [Identifier];
}
