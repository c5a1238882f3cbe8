namespace Ember.Host.Templates;

/// <summary>One attribute of a table's key: its name, HASH or RANGE, and its type (S, N or B).</summary>
internal sealed record TableKey(string AttributeName, string KeyType, string AttributeType);

/// <summary>
/// A DynamoDB table a template declares (<c>AWS::DynamoDB::Table</c> or <c>AWS::Serverless::SimpleTable</c>),
/// as far as a local server needs it: its name and key schema. Billing and throughput are not emulated.
/// </summary>
internal sealed record TemplateTable(string LogicalId, string Name, IReadOnlyList<TableKey> Keys);
