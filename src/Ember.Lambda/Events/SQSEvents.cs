using System.Text.Json.Serialization;

// The event library's shapes, member for member (see APIGatewayEvents.cs).
#pragma warning disable CS1591
#pragma warning disable CA1002, CA2227, CA1819

namespace Ember.Lambda.SQSEvents;

/// <summary>A batch of SQS messages, as Amazon.Lambda.SQSEvents names it.</summary>
public class SQSEvent
{
    public List<SQSMessage>? Records { get; set; }

    /// <summary>One message of the batch.</summary>
    public class SQSMessage
    {
        public string? MessageId { get; set; }
        public string? ReceiptHandle { get; set; }
        public string? Body { get; set; }
        public string? Md5OfBody { get; set; }
        public string? Md5OfMessageAttributes { get; set; }

        [JsonPropertyName("eventSourceARN")]
        public string? EventSourceArn { get; set; }
        public string? EventSource { get; set; }
        public string? AwsRegion { get; set; }
        public Dictionary<string, string>? Attributes { get; set; }
        public Dictionary<string, MessageAttribute>? MessageAttributes { get; set; }
    }

    /// <summary>A message attribute: a string or binary value (base64 in the event) and its data type.</summary>
    public class MessageAttribute
    {
        public string? StringValue { get; set; }
        public byte[]? BinaryValue { get; set; }
        public List<string>? StringListValues { get; set; }
        public List<byte[]>? BinaryListValues { get; set; }
        public string? DataType { get; set; }
    }
}

/// <summary>A partial batch response: the messages that failed, to be retried (ReportBatchItemFailures).</summary>
public class SQSBatchResponse
{
    public SQSBatchResponse()
    {
    }

    public SQSBatchResponse(List<BatchItemFailure> batchItemFailures) => BatchItemFailures = batchItemFailures;

    public List<BatchItemFailure>? BatchItemFailures { get; set; }

    /// <summary>One failed message, by its id.</summary>
    public class BatchItemFailure
    {
        public string? ItemIdentifier { get; set; }
    }
}
