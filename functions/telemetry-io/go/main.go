// Command bootstrap is the I/O-bound Go telemetry function: the aggregation of functions/telemetry
// (telemetry.go is the same file), then one DynamoDB PutItem of its headline figures with
// aws-sdk-go-v2, on a custom runtime (provided.al2023) that talks to the Runtime API itself.
//
// The item: id = the invocation's request id, runtime, total_events, unique_users,
// p95_duration_ms (numbers as DynamoDB numbers), in the table TABLE_NAME. AWS_ENDPOINT_URL_DYNAMODB,
// when set (Ember sets it to its local DynamoDB), is the endpoint: newer SDKs read it themselves,
// the one Debian ships does not, so it is passed on here.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func main() {
	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
	if api == "" {
		log.Fatal("AWS_LAMBDA_RUNTIME_API is not set: this is a Lambda custom runtime")
	}
	base := "http://" + api + "/2018-06-01/runtime/"
	client := &http.Client{}

	// Init: the SDK's configuration (credentials and region from the environment) and one client,
	// reused by every invocation, as Lambda's guidance has it.
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		initError(client, base, "Runtime.ConfigError", err)
	}
	db := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		if endpoint := os.Getenv("AWS_ENDPOINT_URL_DYNAMODB"); endpoint != "" {
			o.EndpointResolver = dynamodb.EndpointResolverFromURL(endpoint)
		}
	})
	table := os.Getenv("TABLE_NAME")
	if table == "" {
		table = "TelemetryAggregates"
	}

	for {
		resp, err := client.Get(base + "invocation/next")
		if err != nil {
			log.Fatalf("runtime API: %v", err)
		}
		event, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			log.Fatalf("runtime API: %v", err)
		}
		id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
		deadline, _ := strconv.ParseInt(resp.Header.Get("Lambda-Runtime-Deadline-Ms"), 10, 64)
		ctx, cancel := context.WithDeadline(context.Background(), time.UnixMilli(deadline))
		out, err := handleIO(ctx, db, table, event, id)
		cancel()
		if err != nil {
			post(client, base+"invocation/"+id+"/error", errorDocument("PutItemError", err))
			continue
		}
		post(client, base+"invocation/"+id+"/response", out)
	}
}

// handleIO aggregates the event as the compute variant does, then stores the figures.
func handleIO(ctx context.Context, db *dynamodb.Client, table string, event []byte, requestID string) ([]byte, error) {
	started := time.Now()
	result, err := aggregate(event)
	if err != nil {
		return envelope(400, invalidBody(err)), nil
	}
	computeMs := time.Since(started).Milliseconds()
	_, err = db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(table),
		Item: map[string]types.AttributeValue{
			"id":              &types.AttributeValueMemberS{Value: requestID},
			"runtime":         &types.AttributeValueMemberS{Value: "go"},
			"total_events":    &types.AttributeValueMemberN{Value: strconv.Itoa(result.total)},
			"unique_users":    &types.AttributeValueMemberN{Value: strconv.Itoa(result.uniqueUsers)},
			"p95_duration_ms": &types.AttributeValueMemberN{Value: strconv.FormatInt(result.p95, 10)},
		},
	})
	if err != nil {
		return nil, err
	}
	return envelope(200, render(result, computeMs)), nil
}

func errorDocument(errorType string, err error) []byte {
	doc, _ := json.Marshal(map[string]string{"errorType": errorType, "errorMessage": err.Error()})
	return doc
}

func initError(client *http.Client, base, errorType string, err error) {
	post(client, base+"init/error", errorDocument(errorType, err))
	log.Fatalf("init: %v", err)
}

func post(client *http.Client, url string, body []byte) {
	resp, err := client.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		log.Fatalf("runtime API: %v", err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		log.Fatalf("runtime API refused %s: %s", url, resp.Status)
	}
}
