using System.Text.Json.Serialization;
using Ember.Host.ControlPlane.Shapes;

namespace Ember.Host.ControlPlane;

/// <summary>Source-generated serialisation of the control-plane shapes and of the stored function state.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateFunctionRequest))]
[JsonSerializable(typeof(UpdateFunctionConfigurationRequest))]
[JsonSerializable(typeof(UpdateFunctionCodeRequest))]
[JsonSerializable(typeof(PublishVersionRequest))]
[JsonSerializable(typeof(AliasRequest))]
[JsonSerializable(typeof(ConcurrencyShape))]
[JsonSerializable(typeof(ProvisionedConcurrencyRequest))]
[JsonSerializable(typeof(FunctionUrlConfigRequest))]
[JsonSerializable(typeof(FunctionConfigurationShape))]
[JsonSerializable(typeof(GetFunctionResponse))]
[JsonSerializable(typeof(ListFunctionsResponse))]
[JsonSerializable(typeof(ListVersionsByFunctionResponse))]
[JsonSerializable(typeof(AliasConfigurationShape))]
[JsonSerializable(typeof(ListAliasesResponse))]
[JsonSerializable(typeof(ProvisionedConcurrencyConfigShape))]
[JsonSerializable(typeof(ListProvisionedConcurrencyConfigsResponse))]
[JsonSerializable(typeof(FunctionUrlConfigShape))]
[JsonSerializable(typeof(EventInvokeConfigShape))]
[JsonSerializable(typeof(ListEventInvokeConfigsResponse))]
[JsonSerializable(typeof(RecursionConfigShape))]
[JsonSerializable(typeof(RuntimeManagementConfigShape))]
[JsonSerializable(typeof(StoredFunction))]
internal sealed partial class ControlPlaneJsonContext : JsonSerializerContext;
