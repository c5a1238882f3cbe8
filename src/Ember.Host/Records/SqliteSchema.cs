using Microsoft.Data.Sqlite;

namespace Ember.Host.Records;

/// <summary>Brings a table written by an older Ember up to date: the columns added since are added (CREATE TABLE IF NOT EXISTS does not).</summary>
internal static class SqliteSchema
{
    public static void AddMissingColumns(SqliteConnection connection, string table, params (string Name, string Definition)[] columns)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info({table})";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                present.Add(reader.GetString(1));
            }
        }
        foreach (var (name, definition) in columns.Where(c => !present.Contains(c.Name)))
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {name} {definition}";
            alter.ExecuteNonQuery();
        }
    }
}
