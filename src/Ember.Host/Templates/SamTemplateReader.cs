using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Ember.Host.Wire;

namespace Ember.Host.Templates;

/// <summary>
/// Reads the functions of a SAM or CloudFormation template: AWS::Serverless::Function (with
/// Globals.Function), AWS::Lambda::Function and AWS::Lambda::Url. Every problem is collected and
/// reported at once; unknown properties are ignored with one warning each.
/// </summary>
internal sealed partial class SamTemplateReader
{
    private const string ServerlessFunction = "AWS::Serverless::Function";
    private const string LambdaFunction = "AWS::Lambda::Function";
    private const string LambdaUrl = "AWS::Lambda::Url";
    private const string IamRole = "AWS::IAM::Role";
    private const string DynamoDbTable = "AWS::DynamoDB::Table";
    private const string SimpleTable = "AWS::Serverless::SimpleTable";
    private const string ServerlessApi = "AWS::Serverless::Api";
    private const string ServerlessHttpApi = "AWS::Serverless::HttpApi";

    // Properties Ember reads. The rest of SAM's vocabulary is listed so that the warning says
    // "not emulated" for what SAM knows and "unknown" for what it does not.
    private static readonly HashSet<string> s_readProperties = new(StringComparer.Ordinal)
    {
        "Runtime", "Handler", "CodeUri", "Code", "MemorySize", "Timeout", "Architectures", "Environment",
        "ReservedConcurrentExecutions", "FunctionUrlConfig", "FunctionName", "PackageType", "Role", "Policies", "Events",
        "EventInvokeConfig", "LoggingConfig",
    };

    // Deployment and IAM matters: meaningful on AWS, with nothing to emulate on one machine.
    private static readonly HashSet<string> s_silentProperties = new(StringComparer.Ordinal)
    {
        "Description", "Tags", "PermissionsBoundary", "RolePath", "KmsKeyArn",
        "CodeSigningConfigArn", "PropagateTags", "AssumeRolePolicyDocument",
    };

    private readonly string _region;

    public SamTemplateReader(string region = "us-east-1") => _region = region;

    public TemplateReadResult Read(string templatePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(templatePath);
        var fullPath = Path.GetFullPath(templatePath);
        if (!File.Exists(fullPath))
        {
            throw TemplateException.Unreadable(fullPath, "the template file does not exist.");
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(fullPath);
            stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                throw TemplateException.Unreadable(fullPath, "the template is empty or not a mapping; expected Resources: at the top level.");
            }
            root = mapping;
        }
        catch (YamlException e)
        {
            throw TemplateException.Unreadable(fullPath,
                $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}");
        }

        return new Parse(this, fullPath, root).Run();
    }

    /// <summary>The state of one read: problems and warnings accumulate here.</summary>
    private sealed class Parse(SamTemplateReader owner, string path, YamlMappingNode root)
    {
        private readonly List<TemplateProblem> _errors = [];
        private readonly List<TemplateProblem> _warnings = [];
        private readonly Dictionary<string, string?> _parameters = new(StringComparer.Ordinal);
        private readonly string _directory = Path.GetDirectoryName(path)!;

        // Logical id → function name, and logical id → role resource, for Ref, GetAtt and Role.
        private readonly Dictionary<string, string> _functionNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, YamlMappingNode> _roles = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _tableNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TemplateApi> _apis = new(StringComparer.Ordinal);
        private readonly List<TemplateApiRoute> _routes = [];

        public TemplateReadResult Run()
        {
            ReadParameters();
            var resources = Child(root, "Resources") as YamlMappingNode;
            if (resources is null)
            {
                _errors.Add(new(null, "the template has no Resources section; declare functions under Resources:."));
                throw TemplateException.Invalid(path, _errors);
            }

            var globals = (Child(root, "Globals") as YamlMappingNode) is { } g ? Child(g, "Function") as YamlMappingNode : null;
            IndexResources(resources);
            var functions = new List<TemplateFunction>();
            var tables = new List<TemplateTable>();
            var urls = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in resources.Children)
            {
                var logicalId = ((YamlScalarNode)keyNode).Value ?? "";
                if (valueNode is not YamlMappingNode resource)
                {
                    continue;
                }
                var type = Scalar(Child(resource, "Type"));
                switch (type)
                {
                    case ServerlessFunction:
                    case LambdaFunction:
                        if (ReadFunction(logicalId, resource, type == ServerlessFunction ? globals : null, type) is { } f)
                        {
                            functions.Add(f);
                        }
                        break;
                    case LambdaUrl:
                        ReadUrl(logicalId, resource, urls);
                        break;
                    case DynamoDbTable or SimpleTable:
                        if (ReadTable(logicalId, resource, type) is { } table)
                        {
                            tables.Add(table);
                        }
                        break;
                }
            }
            foreach (var route in _routes.GroupBy(r => (r.ApiId, r.Method, r.Path)).Where(g => g.Count() > 1))
            {
                _errors.Add(new(route.Key.ApiId, $"the route {route.Key.Method} {route.Key.Path} is declared by more than one event: {string.Join(", ", route.Select(r => r.FunctionName))}."));
            }

            for (var i = 0; i < functions.Count; i++)
            {
                if (urls.TryGetValue(functions[i].LogicalId, out var authType))
                {
                    functions[i] = functions[i] with { UrlAuthType = authType };
                }
            }
            foreach (var target in urls.Keys.Where(k => functions.All(f => f.LogicalId != k)))
            {
                _errors.Add(new(target, "an AWS::Lambda::Url targets this resource, which is not a function in the template."));
            }
            foreach (var duplicate in functions.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                _errors.Add(new(string.Join(", ", duplicate.Select(f => f.LogicalId)),
                    $"two functions are named '{duplicate.Key}'; give each a distinct FunctionName."));
            }
            if (functions.Count == 0 && _errors.Count == 0)
            {
                _errors.Add(new(null, $"the template declares no function; add a resource of type {ServerlessFunction} or {LambdaFunction}."));
            }
            if (_errors.Count > 0)
            {
                throw TemplateException.Invalid(path, _errors, [.. functions.Where(f => _errors.All(e => e.Function != f.LogicalId))]);
            }
            return new TemplateReadResult(functions, _warnings)
            {
                Tables = tables,
                Apis = [.. _apis.Values.Where(a => _routes.Any(r => r.ApiId == a.LogicalId))],
                Routes = _routes,
            };
        }

        /// <summary>Names every function and role first, so that a Ref or GetAtt may name one declared later.</summary>
        private void IndexResources(YamlMappingNode resources)
        {
            foreach (var (keyNode, valueNode) in resources.Children)
            {
                var logicalId = ((YamlScalarNode)keyNode).Value ?? "";
                if (valueNode is not YamlMappingNode resource)
                {
                    continue;
                }
                switch (Scalar(Child(resource, "Type")))
                {
                    case ServerlessFunction or LambdaFunction:
                        var name = Child(resource, "Properties") is YamlMappingNode p && Child(p, "FunctionName") is { } n
                            ? Quietly(() => Resolve(logicalId, n))
                            : null;
                        _functionNames[logicalId] = name ?? logicalId;
                        break;
                    case IamRole:
                        _roles[logicalId] = resource;
                        break;
                    case ServerlessApi or ServerlessHttpApi:
                        _apis[logicalId] = ReadApi(logicalId, resource, Scalar(Child(resource, "Type")) == ServerlessApi ? ApiKind.Rest : ApiKind.Http);
                        break;
                    case DynamoDbTable or SimpleTable:
                        var tableName = Child(resource, "Properties") is YamlMappingNode tp && Child(tp, "TableName") is { } tn
                            ? Quietly(() => Resolve(logicalId, tn))
                            : null;
                        _tableNames[logicalId] = tableName ?? logicalId;
                        break;
                }
            }
        }

        /// <summary>
        /// A table's name and key schema: an AWS::DynamoDB::Table's KeySchema and AttributeDefinitions,
        /// or a SimpleTable's PrimaryKey (by default <c>id</c>, a String), as SAM expands it.
        /// </summary>
        private TemplateTable? ReadTable(string id, YamlMappingNode resource, string type)
        {
            var properties = Child(resource, "Properties") as YamlMappingNode ?? new YamlMappingNode();
            var name = _tableNames[id];
            if (!TableName().IsMatch(name))
            {
                _errors.Add(new(id, $"TableName '{name}' must be 3-255 letters, digits, '_', '-' or '.'."));
                return null;
            }
            if (type == SimpleTable)
            {
                var key = Child(properties, "PrimaryKey") as YamlMappingNode;
                var keyName = key is null ? "id" : Resolve(id, Child(key, "Name")) ?? "id";
                var keyType = (key is null ? "String" : Resolve(id, Child(key, "Type")) ?? "String") switch
                {
                    "String" => "S",
                    "Number" => "N",
                    "Binary" => "B",
                    var other => Invalid(other),
                };
                return keyType is null ? null : new TemplateTable(id, name, [new TableKey(keyName, "HASH", keyType)]);

                string? Invalid(string other)
                {
                    _errors.Add(new(id, $"PrimaryKey.Type '{other}' must be String, Number or Binary."));
                    return null;
                }
            }
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Child(properties, "AttributeDefinitions") is YamlSequenceNode definitions)
            {
                foreach (var definition in definitions.Children.OfType<YamlMappingNode>())
                {
                    if (Resolve(id, Child(definition, "AttributeName")) is { } attribute && Resolve(id, Child(definition, "AttributeType")) is { } attributeType)
                    {
                        types[attribute] = attributeType;
                    }
                }
            }
            var keys = new List<TableKey>();
            if (Child(properties, "KeySchema") is YamlSequenceNode schema)
            {
                foreach (var element in schema.Children.OfType<YamlMappingNode>())
                {
                    var attribute = Resolve(id, Child(element, "AttributeName")) ?? "";
                    var keyType = Resolve(id, Child(element, "KeyType")) ?? "";
                    if (keyType is not ("HASH" or "RANGE") || !types.TryGetValue(attribute, out var attributeType) || attributeType is not ("S" or "N" or "B"))
                    {
                        _errors.Add(new(id, $"KeySchema names '{attribute}' ({keyType}), which needs KeyType HASH or RANGE and an AttributeDefinitions entry of type S, N or B."));
                        return null;
                    }
                    keys.Add(new TableKey(attribute, keyType, attributeType));
                }
            }
            if (keys.Count(k => k.KeyType == "HASH") != 1 || keys.Count > 2)
            {
                _errors.Add(new(id, "KeySchema needs exactly one HASH key and at most one RANGE key."));
                return null;
            }
            return new TemplateTable(id, name, [.. keys.OrderBy(k => k.KeyType == "HASH" ? 0 : 1)]);
        }

        private T Quietly<T>(Func<T> read)
        {
            var (errors, warnings) = (_errors.Count, _warnings.Count);
            var value = read();
            _errors.RemoveRange(errors, _errors.Count - errors);
            _warnings.RemoveRange(warnings, _warnings.Count - warnings);
            return value;
        }

        private void ReadParameters()
        {
            if (Child(root, "Parameters") is not YamlMappingNode parameters)
            {
                return;
            }
            foreach (var (key, value) in parameters.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                _parameters[name] = value is YamlMappingNode p ? Scalar(Child(p, "Default")) : null;
            }
        }

        private TemplateFunction? ReadFunction(string id, YamlMappingNode resource, YamlMappingNode? globals, string type)
        {
            var properties = Child(resource, "Properties") as YamlMappingNode ?? new YamlMappingNode();
            var errorsBefore = _errors.Count;

            foreach (var key in properties.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? ""))
            {
                if (s_readProperties.Contains(key) || s_silentProperties.Contains(key))
                {
                    continue;
                }
                _warnings.Add(new(id, $"property '{key}' is ignored: Ember does not emulate it."));
            }

            YamlNode? Get(string name) => Child(properties, name) ?? (globals is null ? null : Child(globals, name));

            if (Resolve(id, Get("PackageType")) is "Image")
            {
                _errors.Add(new(id, "PackageType Image needs a container engine; Ember runs zip functions (set Runtime and CodeUri)."));
                return null;
            }

            var name = Resolve(id, Get("FunctionName")) ?? id;
            if (!ControlPlane.FunctionValidation.IsFunctionName(name))
            {
                // The name becomes a path under the data directory and a URL segment: Lambda's rule, not just tidiness.
                _errors.Add(new(id, $"FunctionName '{name}' must be 1-64 letters, digits, hyphens or underscores."));
            }
            var runtime = Resolve(id, Get("Runtime"));
            var handler = Resolve(id, Get("Handler")) ?? "";
            if (string.IsNullOrEmpty(runtime))
            {
                _errors.Add(new(id, "Runtime is missing; set it to provided.al2023, provided.al2 or python3.x."));
            }
            else if (!RuntimeNames.IsSupported(runtime))
            {
                _errors.Add(new(id, $"runtime '{runtime}' is not supported; use one of {RuntimeNames.SupportedList}."));
            }
            else if (RuntimeNames.IsPython(runtime) && !PythonHandler().IsMatch(handler))
            {
                _errors.Add(new(id, $"Handler '{handler}' is not of the form module.function (for example app.handler)."));
            }

            var codePath = ReadCodePath(id, type == ServerlessFunction ? Get("CodeUri") : Child(properties, "Code"), type);
            var memory = ReadInt(id, Get("MemorySize"), "MemorySize", 128, Wire.LambdaLimits.MinMemoryMb, Wire.LambdaLimits.MaxMemoryMb);
            var timeout = ReadInt(id, Get("Timeout"), "Timeout", 3, 1, Wire.LambdaLimits.MaxTimeoutSeconds);
            var reserved = Get("ReservedConcurrentExecutions") is { } r
                ? ReadInt(id, r, "ReservedConcurrentExecutions", 0, 0, 1_000_000)
                : (int?)null;
            var architecture = ReadArchitecture(id, Get("Architectures"));
            var environment = ReadEnvironment(id, Get("Environment"));
            environment = MergeGlobalEnvironment(id, globals, properties, environment);
            var urlAuth = ReadFunctionUrl(id, Get("FunctionUrlConfig"));
            var urlInvokeMode = ReadInvokeMode(id, Get("FunctionUrlConfig"));
            var eventInvokeConfig = ReadEventInvokeConfig(id, Get("EventInvokeConfig"));
            var logging = ReadLoggingConfig(id, Get("LoggingConfig"));
            if (type == ServerlessFunction)
            {
                ReadEvents(id, name, Child(properties, "Events"));
            }

            var metadata = Child(resource, "Metadata") as YamlMappingNode;
            var buildMethod = metadata is null ? null : Resolve(id, Child(metadata, "BuildMethod"));
            var buildProperties = ImmutableSortedDictionary<string, string>.Empty;
            if (metadata is not null && Child(metadata, "BuildProperties") is YamlMappingNode bp)
            {
                foreach (var (k, v) in bp.Children)
                {
                    buildProperties = buildProperties.SetItem(((YamlScalarNode)k).Value ?? "", Resolve(id, v) ?? "");
                }
            }

            if (_errors.Count > errorsBefore || runtime is null || codePath is null)
            {
                return null;
            }
            return new TemplateFunction
            {
                LogicalId = id,
                Name = name,
                Runtime = runtime,
                Handler = handler,
                CodePath = codePath,
                MemoryMb = memory,
                TimeoutSeconds = timeout,
                Architecture = architecture,
                Environment = environment,
                ReservedConcurrency = reserved,
                UrlAuthType = urlAuth,
                UrlInvokeMode = urlInvokeMode,
                EventInvokeConfig = eventInvokeConfig,
                Logging = logging,
                Role = ReadRole(id, Get("Role")),
                Policy = ReadPolicy(id, Get("Role"), Child(properties, "Policies")),
                BuildMethod = buildMethod,
                BuildProperties = buildProperties,
            };
        }

        private ImmutableSortedDictionary<string, string> MergeGlobalEnvironment(
            string id, YamlMappingNode? globals, YamlMappingNode properties, ImmutableSortedDictionary<string, string> own)
        {
            // SAM merges Globals' Environment.Variables with the function's own, the function winning.
            if (globals is null || Child(globals, "Environment") is not { } globalEnv || Child(properties, "Environment") is null)
            {
                return own;
            }
            var merged = ReadEnvironment(id, globalEnv);
            foreach (var (k, v) in own)
            {
                merged = merged.SetItem(k, v);
            }
            return merged;
        }

        private string? ReadCodePath(string id, YamlNode? node, string type)
        {
            string? relative = null;
            if (node is YamlMappingNode code)
            {
                if (Child(code, "ZipFile") is not null)
                {
                    _errors.Add(new(id, "inline code (Code.ZipFile) is not supported; point Code or CodeUri at a folder or a .zip."));
                    return null;
                }
                if (Child(code, "Bucket") is not null || Child(code, "S3Bucket") is not null)
                {
                    _errors.Add(new(id, "code in S3 cannot be fetched here; point CodeUri at a local folder or .zip."));
                    return null;
                }
            }
            else
            {
                relative = Resolve(id, node);
            }
            if (string.IsNullOrEmpty(relative))
            {
                var property = type == ServerlessFunction ? "CodeUri" : "Code";
                _errors.Add(new(id, $"{property} is missing; set it to the folder or .zip that holds the function's code."));
                return null;
            }
            var full = Path.GetFullPath(Path.Combine(_directory, relative));
            if (Directory.Exists(full))
            {
                return full;
            }
            if (File.Exists(full) && full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                return full;
            }
            _errors.Add(new(id, File.Exists(full)
                ? $"CodeUri '{relative}' is a file but not a .zip; point it at a folder or a .zip."
                : $"CodeUri '{relative}' does not exist (looked for {full})."));
            return null;
        }

        private int ReadInt(string id, YamlNode? node, string property, int fallback, int min, int max)
        {
            if (node is null)
            {
                return fallback;
            }
            var text = Resolve(id, node);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                _errors.Add(new(id, $"{property} '{text}' is not a whole number between {min} and {max}."));
                return fallback;
            }
            return value;
        }

        private string ReadArchitecture(string id, YamlNode? node)
        {
            if (node is null)
            {
                return ControlPlaneValues.ArchitectureX86;
            }
            var values = node is YamlSequenceNode seq ? seq.Children.Select(c => Resolve(id, c)).ToList() : [Resolve(id, node)];
            if (values.Count != 1 || values[0] is not (ControlPlaneValues.ArchitectureX86 or ControlPlaneValues.ArchitectureArm))
            {
                _errors.Add(new(id, $"Architectures must list exactly one of x86_64 or arm64 (found {string.Join(", ", values)})."));
                return ControlPlaneValues.ArchitectureX86;
            }
            return values[0]!;
        }

        private ImmutableSortedDictionary<string, string> ReadEnvironment(string id, YamlNode? node)
        {
            var result = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (node is not YamlMappingNode env || Child(env, "Variables") is not YamlMappingNode variables)
            {
                if (node is not null && node is not YamlMappingNode)
                {
                    _errors.Add(new(id, "Environment must be a mapping with a Variables mapping inside."));
                }
                return result.ToImmutable();
            }
            foreach (var (k, v) in variables.Children)
            {
                var key = ((YamlScalarNode)k).Value ?? "";
                if (!EnvironmentKey().IsMatch(key))
                {
                    _errors.Add(new(id, $"environment variable name '{key}' is invalid; use letters, digits and underscores, starting with a letter."));
                    continue;
                }
                result[key] = Resolve(id, v) ?? "";
            }
            return result.ToImmutable();
        }

        /// <summary>An explicit API: its stage (a REST API must name one; an HTTP API's is $default) and, for REST, its binary media types.</summary>
        private TemplateApi ReadApi(string id, YamlMappingNode resource, ApiKind kind)
        {
            var properties = Child(resource, "Properties") as YamlMappingNode ?? new YamlMappingNode();
            var stage = Quietly(() => Resolve(id, Child(properties, "StageName")));
            if (kind == ApiKind.Rest && string.IsNullOrEmpty(stage))
            {
                _errors.Add(new(id, "StageName is required for an AWS::Serverless::Api (for example Prod)."));
            }
            var binary = Child(properties, "BinaryMediaTypes") is YamlSequenceNode types
                ? types.Children.Select(t => Quietly(() => Resolve(id, t))).OfType<string>().Select(t => t.Replace("~1", "/", StringComparison.Ordinal)).ToArray()
                : [];
            return new TemplateApi(id, kind, string.IsNullOrEmpty(stage) ? (kind == ApiKind.Rest ? "Prod" : TemplateApiRoute.DefaultRoute) : stage) { BinaryMediaTypes = binary };
        }

        /// <summary>
        /// The function's Api and HttpApi events, as routes of their API (the implicit one when the event
        /// names none). Other event types are not emulated and say so.
        /// </summary>
        private void ReadEvents(string id, string functionName, YamlNode? node)
        {
            if (node is null)
            {
                return;
            }
            if (node is not YamlMappingNode events)
            {
                _errors.Add(new(id, "Events must be a mapping of event names to events."));
                return;
            }
            foreach (var (key, value) in events.Children)
            {
                var eventName = Scalar(key) ?? "";
                var eventNode = value as YamlMappingNode ?? new YamlMappingNode();
                var type = Scalar(Child(eventNode, "Type"));
                var properties = Child(eventNode, "Properties") as YamlMappingNode ?? new YamlMappingNode();
                if (type is not ("Api" or "HttpApi"))
                {
                    _warnings.Add(new(id, $"event '{eventName}' of type {type ?? "(none)"} is not emulated: Ember serves Api and HttpApi events."));
                    continue;
                }
                var kind = type == "Api" ? ApiKind.Rest : ApiKind.Http;
                var apiId = RefTarget(Child(properties, kind == ApiKind.Rest ? "RestApiId" : "ApiId"))
                    ?? (kind == ApiKind.Rest ? TemplateApi.ImplicitRest : TemplateApi.ImplicitHttp);
                if (!_apis.TryGetValue(apiId, out var api))
                {
                    if (apiId is TemplateApi.ImplicitRest or TemplateApi.ImplicitHttp)
                    {
                        api = new TemplateApi(apiId, kind, kind == ApiKind.Rest ? "Prod" : TemplateApiRoute.DefaultRoute);
                        _apis[apiId] = api;
                    }
                    else
                    {
                        _errors.Add(new(id, $"event '{eventName}' names the API '{apiId}', which is not an {(kind == ApiKind.Rest ? ServerlessApi : ServerlessHttpApi)} of the template."));
                        continue;
                    }
                }
                if (api.Kind != kind)
                {
                    _errors.Add(new(id, $"event '{eventName}' is of type {type} but '{apiId}' is {(api.Kind == ApiKind.Rest ? "a REST API (Api)" : "an HTTP API (HttpApi)")}."));
                    continue;
                }
                var path = Resolve(id, Child(properties, "Path"));
                var method = Resolve(id, Child(properties, "Method"));
                if (kind == ApiKind.Rest && (string.IsNullOrEmpty(path) || string.IsNullOrEmpty(method)))
                {
                    _errors.Add(new(id, $"event '{eventName}' (Api) needs Path and Method."));
                    continue;
                }
                if (path is not null && (!path.StartsWith('/') || path.Contains("//", StringComparison.Ordinal)))
                {
                    _errors.Add(new(id, $"event '{eventName}': Path '{path}' must start with / (for example /items/{{id}})."));
                    continue;
                }
                var format = kind == ApiKind.Rest ? "1.0" : Resolve(id, Child(properties, "PayloadFormatVersion")) ?? "2.0";
                if (format is not ("1.0" or "2.0"))
                {
                    _errors.Add(new(id, $"event '{eventName}': PayloadFormatVersion must be \"1.0\" or \"2.0\" (found '{format}')."));
                    continue;
                }
                foreach (var ignored in properties.Children.Keys.Select(Scalar).Where(k => k is "Auth" or "RequestParameters" or "RequestModel" or "TimeoutInMillis"))
                {
                    _warnings.Add(new(id, $"event '{eventName}': {ignored} is not emulated."));
                }
                _routes.Add(new TemplateApiRoute(apiId, kind, (method ?? TemplateApiRoute.AnyMethod).ToUpperInvariant() is "ANY" or "X-AMAZON-APIGATEWAY-ANY-METHOD"
                    ? TemplateApiRoute.AnyMethod : method!.ToUpperInvariant(), path ?? TemplateApiRoute.DefaultRoute, format, functionName));
            }
        }

        /// <summary>The logical id a reference names: <c>!Ref X</c>, <c>{Ref: X}</c>, or a plain X.</summary>
        private static string? RefTarget(YamlNode? node) => node switch
        {
            YamlScalarNode s => s.Value,
            YamlMappingNode m when m.Children.Count == 1 && Child(m, "Ref") is YamlScalarNode r => r.Value,
            _ => null,
        };

        private string? ReadFunctionUrl(string id, YamlNode? node)
        {
            if (node is null)
            {
                return null;
            }
            var auth = node is YamlMappingNode m ? Resolve(id, Child(m, "AuthType")) : null;
            if (auth is not (ControlPlaneValues.AuthNone or ControlPlaneValues.AuthIam))
            {
                _errors.Add(new(id, $"FunctionUrlConfig.AuthType must be NONE or AWS_IAM (found '{auth}')."));
                return null;
            }
            return auth;
        }

        /// <summary>LoggingConfig: LogFormat (Text or JSON), ApplicationLogLevel and SystemLogLevel (JSON only), LogGroup.</summary>
        private Functions.LoggingConfig? ReadLoggingConfig(string id, YamlNode? node)
        {
            if (node is not YamlMappingNode logging)
            {
                return null;
            }
            var config = new Functions.LoggingConfig(
                Resolve(id, Child(logging, "LogFormat")) ?? Functions.LoggingConfig.Text,
                Resolve(id, Child(logging, "ApplicationLogLevel")),
                Resolve(id, Child(logging, "SystemLogLevel")),
                Resolve(id, Child(logging, "LogGroup")));
            var problems = config.Problems().ToList();
            foreach (var problem in problems)
            {
                _errors.Add(new(id, problem));
            }
            return problems.Count == 0 ? config : null;
        }

        /// <summary>FunctionUrlConfig.InvokeMode: BUFFERED (the default) or RESPONSE_STREAM.</summary>
        private string? ReadInvokeMode(string id, YamlNode? node)
        {
            if (node is not YamlMappingNode url || Resolve(id, Child(url, "InvokeMode")) is not { } mode)
            {
                return null;
            }
            if (mode is not (ControlPlaneValues.InvokeBuffered or ControlPlaneValues.InvokeStream))
            {
                _errors.Add(new(id, $"FunctionUrlConfig.InvokeMode must be BUFFERED or RESPONSE_STREAM (found '{mode}')."));
                return null;
            }
            return mode;
        }

        /// <summary>
        /// SAM's EventInvokeConfig: retries (0–2), maximum event age (60–21,600 s) and destinations. Only Lambda
        /// destinations can be delivered here; another type is warned about and left out (the same template deploys
        /// to AWS, where it works), so failed events are then logged, not delivered.
        /// </summary>
        private Functions.EventInvokeConfig? ReadEventInvokeConfig(string id, YamlNode? node)
        {
            if (node is not YamlMappingNode config)
            {
                return null;
            }
            int? retries = Child(config, "MaximumRetryAttempts") is { } r ? ReadInt(id, r, "EventInvokeConfig.MaximumRetryAttempts", 2, 0, 2) : null;
            int? age = Child(config, "MaximumEventAgeInSeconds") is { } a ? ReadInt(id, a, "EventInvokeConfig.MaximumEventAgeInSeconds", 21_600, 60, 21_600) : null;
            string? Destination(string which)
            {
                if (Child(config, "DestinationConfig") is not YamlMappingNode destinations || Child(destinations, which) is not YamlMappingNode destination)
                {
                    return null;
                }
                var kind = Resolve(id, Child(destination, "Type")) ?? "Lambda";
                var arn = Resolve(id, Child(destination, "Destination"));
                if (kind != "Lambda")
                {
                    _warnings.Add(new(id, $"EventInvokeConfig.DestinationConfig.{which} of Type {kind} is not emulated: Ember delivers destinations to Lambda functions only."));
                    return null;
                }
                if (arn is null)
                {
                    _errors.Add(new(id, $"EventInvokeConfig.DestinationConfig.{which} needs a Destination (the function's ARN, or !GetAtt Function.Arn)."));
                }
                return arn;
            }
            return new Functions.EventInvokeConfig(retries, age, Destination("OnSuccess"), Destination("OnFailure"), DateTimeOffset.UtcNow);
        }

        private void ReadUrl(string id, YamlMappingNode resource, Dictionary<string, string> urls)
        {
            var properties = Child(resource, "Properties") as YamlMappingNode;
            var target = properties is null ? null : Child(properties, "TargetFunctionArn");
            // TargetFunctionArn is a !Ref or !GetAtt X.Arn of the function resource.
            var logicalId = target switch
            {
                YamlScalarNode s when Tag(s) == "!Ref" => s.Value,
                YamlScalarNode s when Tag(s) == "!GetAtt" => s.Value?.Split('.')[0],
                YamlMappingNode m when Child(m, "Ref") is YamlScalarNode r => r.Value,
                YamlMappingNode m when Child(m, "Fn::GetAtt") is YamlSequenceNode seq => Scalar(seq.Children[0]),
                _ => null,
            };
            var auth = properties is null ? null : Resolve(id, Child(properties, "AuthType"));
            if (logicalId is null || auth is not (ControlPlaneValues.AuthNone or ControlPlaneValues.AuthIam))
            {
                _errors.Add(new(id, "an AWS::Lambda::Url needs TargetFunctionArn (!Ref or !GetAtt of a function) and AuthType NONE or AWS_IAM."));
                return;
            }
            urls[logicalId] = auth;
        }

        /// <summary>Resolves a scalar or an intrinsic function Ember can evaluate locally (Ref to parameters and pseudo parameters, Sub).</summary>
        /// <summary>
        /// The execution role's ARN: as given, or for <c>!GetAtt R.Arn</c> the ARN of role R, or when
        /// there is none the role SAM would create for the function (<c>&lt;LogicalId&gt;Role</c>).
        /// Ember does not assume it; Lambda always reports one.
        /// </summary>
        private string ReadRole(string id, YamlNode? node)
        {
            string RoleArn(string name) => $"arn:aws:iam::{HostIdentity.AccountId}:role/{name}";
            switch (node)
            {
                case null:
                    return RoleArn(id + "Role");
                case YamlScalarNode s when IsGetAtt(s) && s.Value is { } attribute && attribute.EndsWith(".Arn", StringComparison.Ordinal):
                    return RoleArn(attribute[..^".Arn".Length]);
                case YamlMappingNode m when Child(m, "Fn::GetAtt") is YamlSequenceNode { Children.Count: 2 } getAtt
                    && getAtt.Children[1] is YamlScalarNode { Value: "Arn" } && getAtt.Children[0] is YamlScalarNode { Value: { } role }:
                    return RoleArn(role);
                case YamlSequenceNode getAttList when IsGetAtt(getAttList) && getAttList.Children.Count == 2
                    && getAttList.Children[1] is YamlScalarNode { Value: "Arn" } && getAttList.Children[0] is YamlScalarNode { Value: { } listed }:
                    return RoleArn(listed);
            }
            return Resolve(id, node) is { Length: > 0 } given ? given : RoleArn(id + "Role");

            static bool IsGetAtt(YamlNode n) => Tag(n) == "!GetAtt";
        }

        private string? Resolve(string id, YamlNode? node)
        {
            switch (node)
            {
                case null:
                    return null;
                case YamlScalarNode s when !Tag(s).StartsWith('!') || Tag(s).StartsWith("!!", StringComparison.Ordinal):
                    return s.Value;
                case YamlScalarNode s when Tag(s) == "!Ref":
                    return Ref(id, s.Value ?? "");
                case YamlScalarNode s when Tag(s) == "!Sub":
                    return Sub(id, s.Value ?? "");
                case YamlMappingNode m when m.Children.Count == 1 && Child(m, "Ref") is YamlScalarNode r:
                    return Ref(id, r.Value ?? "");
                case YamlMappingNode m when m.Children.Count == 1 && Child(m, "Fn::Sub") is YamlScalarNode sub:
                    return Sub(id, sub.Value ?? "");
                case YamlScalarNode s when Tag(s) == "!GetAtt" && GetAtt(s.Value ?? "") is { } attribute:
                    return attribute;
                case YamlSequenceNode { Children.Count: 2 } seq when Tag(seq) == "!GetAtt" && GetAtt($"{Scalar(seq.Children[0])}.{Scalar(seq.Children[1])}") is { } listed:
                    return listed;
                case YamlMappingNode m when m.Children.Count == 1 && Child(m, "Fn::GetAtt") is YamlSequenceNode { Children.Count: 2 } getAtt
                    && GetAtt($"{Scalar(getAtt.Children[0])}.{Scalar(getAtt.Children[1])}") is { } mapped:
                    return mapped;
            }
            var tag = Tag(node) is { Length: > 0 } t ? t : (node as YamlMappingNode)?.Children.Keys.FirstOrDefault()?.ToString();
            _warnings.Add(new(id, $"the intrinsic {tag} at line {node.Start.Line} cannot be evaluated locally; the value is left unset."));
            return null;
        }

        private string? Ref(string id, string name)
        {
            if (Pseudo(name) is { } pseudo)
            {
                return pseudo;
            }
            if (_parameters.TryGetValue(name, out var value))
            {
                return value;
            }
            if (_functionNames.TryGetValue(name, out var function))
            {
                return function;
            }
            if (_tableNames.TryGetValue(name, out var table))
            {
                return table;
            }
            _warnings.Add(new(id, $"!Ref {name} names no parameter with a Default; the value is left unset."));
            return null;
        }

        private string Sub(string id, string text) => SubVariable().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name.StartsWith('!'))
            {
                return "${" + name[1..] + "}";
            }
            return Pseudo(name) ?? (_parameters.TryGetValue(name, out var v) && v is not null ? v : null)
                ?? (_functionNames.TryGetValue(name, out var function) ? function : null)
                ?? (_tableNames.TryGetValue(name, out var table) ? table : null)
                ?? GetAtt(name) ?? Unresolved(id, name, match.Value);
        });

        private string Unresolved(string id, string name, string literal)
        {
            _warnings.Add(new(id, $"${{{name}}} in !Sub cannot be resolved locally; it is kept as written."));
            return literal;
        }

        /// <summary>The attributes Ember knows: a function's or a role's <c>Arn</c>.</summary>
        private string? GetAtt(string reference)
        {
            var dot = reference.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || reference[(dot + 1)..] != "Arn")
            {
                return null;
            }
            var logicalId = reference[..dot];
            return _functionNames.TryGetValue(logicalId, out var function) ? HostIdentity.FunctionArn(owner._region, function)
                : _roles.ContainsKey(logicalId) ? $"arn:aws:iam::{HostIdentity.AccountId}:role/{logicalId}"
                : _tableNames.TryGetValue(logicalId, out var table) ? $"arn:aws:dynamodb:{owner._region}:{HostIdentity.AccountId}:table/{table}"
                : null;
        }

        /// <summary>
        /// What the function's role allows. With a Role that is a role of this template, that role's
        /// Policies and ManagedPolicyArns; with another Role, nothing Ember can read (none); without
        /// one, the SAM Policies: managed policy names or ARNs, policy documents, and the policy
        /// template LambdaInvokePolicy. Only Lambda's actions are ever asked.
        /// </summary>
        private Auth.FunctionPolicy ReadPolicy(string id, YamlNode? role, YamlNode? policies)
        {
            var statements = new List<Auth.PolicyStatement>();
            if (role is not null)
            {
                var roleId = role switch
                {
                    YamlScalarNode s when Tag(s) == "!GetAtt" => s.Value?.Split('.')[0],
                    YamlScalarNode s when Tag(s) == "!Ref" => s.Value,
                    YamlSequenceNode { Children.Count: 2 } seq when Tag(seq) == "!GetAtt" => Scalar(seq.Children[0]),
                    YamlMappingNode m when Child(m, "Fn::GetAtt") is YamlSequenceNode { Children.Count: 2 } seq => Scalar(seq.Children[0]),
                    YamlMappingNode m when Child(m, "Ref") is YamlScalarNode r => r.Value,
                    _ => null,
                };
                if (roleId is not null && _roles.TryGetValue(roleId, out var resource) && Child(resource, "Properties") is YamlMappingNode properties)
                {
                    if (Child(properties, "ManagedPolicyArns") is YamlSequenceNode managed)
                    {
                        statements.AddRange(managed.Children.SelectMany(m => Resolve(id, m) is { } arn ? Auth.FunctionPolicy.Managed(arn) : []));
                    }
                    if (Child(properties, "Policies") is YamlSequenceNode inline)
                    {
                        foreach (var policy in inline.Children.OfType<YamlMappingNode>())
                        {
                            statements.AddRange(ReadDocument(id, Child(policy, "PolicyDocument")));
                        }
                    }
                }
                return new([.. statements]);
            }
            var items = policies switch
            {
                null => [],
                YamlSequenceNode seq => seq.Children,
                _ => [policies],
            };
            foreach (var item in items)
            {
                switch (item)
                {
                    case YamlMappingNode document when Child(document, "Statement") is not null:
                        statements.AddRange(ReadDocument(id, document));
                        break;
                    case YamlMappingNode template when template.Children.Count == 1:
                        var (key, parameters) = template.Children.Single();
                        if (Scalar(key) == "LambdaInvokePolicy")
                        {
                            // SAM's policy template: invoke the named function and any of its versions or aliases.
                            var target = parameters is YamlMappingNode p ? Resolve(id, Child(p, "FunctionName")) : null;
                            if (string.IsNullOrEmpty(target))
                            {
                                _errors.Add(new(id, "LambdaInvokePolicy needs FunctionName (a function's name or !Ref)."));
                                break;
                            }
                            statements.Add(new(true, ["lambda:InvokeFunction"], [HostIdentity.FunctionArn(owner._region, target) + "*"]));
                        }
                        break;
                    default:
                        if (Resolve(id, item) is { } managed)
                        {
                            statements.AddRange(Auth.FunctionPolicy.Managed(managed));
                        }
                        break;
                }
            }
            return new([.. statements]);
        }

        private IEnumerable<Auth.PolicyStatement> ReadDocument(string id, YamlNode? document)
        {
            var statements = document is YamlMappingNode d ? Child(d, "Statement") : null;
            var list = statements switch
            {
                null => [],
                YamlSequenceNode seq => seq.Children,
                _ => [statements],
            };
            foreach (var statement in list.OfType<YamlMappingNode>())
            {
                if (Child(statement, "Condition") is not null || Child(statement, "NotAction") is not null || Child(statement, "NotResource") is not null)
                {
                    _warnings.Add(new(id, $"a policy statement at line {statement.Start.Line} uses Condition, NotAction or NotResource, which Ember does not evaluate; it is left out."));
                    continue;
                }
                var effect = Resolve(id, Child(statement, Auth.IamPolicyWords.Effect));
                if (effect is not (Auth.IamPolicyWords.Allow or Auth.IamPolicyWords.Deny))
                {
                    _errors.Add(new(id, $"a policy statement at line {statement.Start.Line} has Effect '{effect}'; use Allow or Deny."));
                    continue;
                }
                yield return new(effect == Auth.IamPolicyWords.Allow, List(Child(statement, "Action")), List(Child(statement, "Resource")));
            }

            System.Collections.Immutable.ImmutableArray<string> List(YamlNode? node) => node switch
            {
                null => [],
                YamlSequenceNode seq => [.. seq.Children.Select(c => Resolve(id, c)).OfType<string>()],
                _ => Resolve(id, node) is { } one ? [one] : [],
            };
        }

        private string? Pseudo(string name) => name switch
        {
            "AWS::Region" => owner._region,
            "AWS::AccountId" => HostIdentity.AccountId,
            "AWS::Partition" => "aws",
            "AWS::URLSuffix" => "amazonaws.com",
            "AWS::StackName" => Path.GetFileName(_directory),
            "AWS::StackId" => $"arn:aws:cloudformation:{owner._region}:{HostIdentity.AccountId}:stack/{Path.GetFileName(_directory)}/local",
            _ => null,
        };
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>The node's tag (<c>!GetAtt</c>), or "" when it has none or only a non-specific one.</summary>
    private static string Tag(YamlNode node) => node.Tag.IsEmpty || node.Tag.IsNonSpecific ? "" : node.Tag.Value;

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*\.[A-Za-z0-9_]+$")]
    private static partial Regex PythonHandler();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentKey();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{3,255}$")]
    private static partial Regex TableName();

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();
}
