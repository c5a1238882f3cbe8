using System.Text.Json.Serialization;

// The event library's shapes, member for member (see APIGatewayEvents.cs). A stream record's fields
// inside "dynamodb" are PascalCase in the event, as DynamoDB Streams writes them.
#pragma warning disable CS1591
#pragma warning disable CA1002, CA2227, CA1819, CA1707

namespace Ember.Lambda.DynamoDBEvents;

/// <summary>A batch of DynamoDB stream records, as Amazon.Lambda.DynamoDBEvents names it.</summary>
public class DynamoDBEvent
{
    public List<DynamodbStreamRecord>? Records { get; set; }

    /// <summary>One change to an item.</summary>
    public class DynamodbStreamRecord
    {
        [JsonPropertyName("eventID")]
        public string? EventID { get; set; }
        public string? EventName { get; set; }
        public string? EventVersion { get; set; }
        public string? EventSource { get; set; }
        public string? AwsRegion { get; set; }

        [JsonPropertyName("eventSourceARN")]
        public string? EventSourceArn { get; set; }

        [JsonPropertyName("dynamodb")]
        public StreamRecord? Dynamodb { get; set; }
    }

    /// <summary>The change itself: the keys, the images before and after, its place in the stream.</summary>
    public class StreamRecord
    {
        [JsonPropertyName("ApproximateCreationDateTime")]
        public double ApproximateCreationDateTime { get; set; }

        [JsonPropertyName("Keys")]
        public Dictionary<string, AttributeValue>? Keys { get; set; }

        [JsonPropertyName("NewImage")]
        public Dictionary<string, AttributeValue>? NewImage { get; set; }

        [JsonPropertyName("OldImage")]
        public Dictionary<string, AttributeValue>? OldImage { get; set; }

        [JsonPropertyName("SequenceNumber")]
        public string? SequenceNumber { get; set; }

        [JsonPropertyName("SizeBytes")]
        public long SizeBytes { get; set; }

        [JsonPropertyName("StreamViewType")]
        public string? StreamViewType { get; set; }
    }

    /// <summary>A DynamoDB value in its typed JSON form: {"S": "text"}, {"N": "42"}, {"M": {…}}, …</summary>
    public class AttributeValue
    {
        [JsonPropertyName("S")]
        public string? S { get; set; }

        [JsonPropertyName("N")]
        public string? N { get; set; }

        [JsonPropertyName("B")]
        public byte[]? B { get; set; }

        [JsonPropertyName("SS")]
        public List<string>? SS { get; set; }

        [JsonPropertyName("NS")]
        public List<string>? NS { get; set; }

        [JsonPropertyName("BS")]
        public List<byte[]>? BS { get; set; }

        [JsonPropertyName("M")]
        public Dictionary<string, AttributeValue>? M { get; set; }

        [JsonPropertyName("L")]
        public List<AttributeValue>? L { get; set; }

        [JsonPropertyName("NULL")]
        public bool? NULL { get; set; }

        [JsonPropertyName("BOOL")]
        public bool? BOOL { get; set; }
    }
}
