using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace VoiceFleet.Deploy.Tests.Infrastructure;

/// <summary>
/// The configuration keys a service really binds, read by reflection from its built assembly: every
/// options class with a <c>SectionName</c> constant (the service's own and the shared hosting ones),
/// plus the sections the hosting defaults bind without one. Each service is loaded in a collectible
/// load context of its own, from its own output folder.
/// </summary>
internal sealed class ServiceOptionsCatalog
{
    /// <summary>Sections bound by name in code rather than through a SectionName constant.</summary>
    private static readonly Dictionary<string, string> SectionsWithoutConstant = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Metrics"] = "VoiceFleet.Hosting.Metrics.PrometheusExporterOptions",
    };

    /// <summary>Sections read by the framework itself, where any key is accepted.</summary>
    private static readonly string[] FrameworkSections = ["Logging"];

    private static readonly ConcurrentDictionary<string, Lazy<ServiceOptionsCatalog>> Cache = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Type> sections;

    private ServiceOptionsCatalog(ServiceProject service, Dictionary<string, Type> sections)
    {
        Service = service;
        this.sections = sections;
    }

    public ServiceProject Service { get; }

    /// <summary>Section name → options type, e.g. <c>Encoders:Storage</c> → StorageOptions.</summary>
    public IReadOnlyDictionary<string, Type> Sections => sections;

    public static ServiceOptionsCatalog For(ServiceProject service) =>
        Cache.GetOrAdd(service.Image, _ => new Lazy<ServiceOptionsCatalog>(() => Load(service))).Value;

    /// <summary>Null when <paramref name="key"/> (<c>Section:Sub:Key</c>) is bound, else why not.</summary>
    public string? Explain(string key)
    {
        var parts = key.Split(':');
        if (FrameworkSections.Any(s => string.Equals(parts[0], s, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var section = sections.Keys
            .Where(s => IsPrefix(s.Split(':'), parts))
            .OrderByDescending(s => s.Length)
            .FirstOrDefault();
        if (section is null)
        {
            return $"no options class of {Service.Image} binds a section containing '{key}' (sections: {string.Join(", ", sections.Keys.Order(StringComparer.Ordinal))})";
        }

        var rest = parts.Skip(section.Split(':').Length).ToArray();
        return rest.Length == 0
            ? $"'{key}' names the section {section}, not a key in it"
            : Walk(sections[section], rest, section);
    }

    private static bool IsPrefix(string[] prefix, string[] parts) =>
        prefix.Length <= parts.Length && prefix.Select((p, i) => string.Equals(p, parts[i], StringComparison.OrdinalIgnoreCase)).All(x => x);

    private static string? Walk(Type type, string[] rest, string path)
    {
        if (rest.Length == 0)
        {
            return IsLeaf(type) ? null : $"{path} is a section ({type.Name}), not a value";
        }

        if (IsLeaf(type))
        {
            return $"{path} is a value ({type.Name}); it has no '{rest[0]}'";
        }

        var dictionary = Interface(type, typeof(IDictionary<,>)) ?? Interface(type, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            return Walk(dictionary.GetGenericArguments()[1], rest[1..], $"{path}:{rest[0]}");
        }

        var enumerable = type.IsArray ? type.GetElementType() : Interface(type, typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (enumerable is not null)
        {
            return int.TryParse(rest[0], out _)
                ? Walk(enumerable, rest[1..], $"{path}:{rest[0]}")
                : $"{path} is a list: the next part must be an index, not '{rest[0]}'";
        }

        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => string.Equals(p.Name, rest[0], StringComparison.OrdinalIgnoreCase) && p.GetIndexParameters().Length == 0);
        if (property is null)
        {
            var known = string.Join(", ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name));
            return $"{type.Name} ({path}) has no property '{rest[0]}' (it has: {known})";
        }

        if (!property.CanWrite && IsLeaf(property.PropertyType))
        {
            return $"{type.Name}.{property.Name} ({path}) cannot be set";
        }

        return Walk(property.PropertyType, rest[1..], $"{path}:{property.Name}");
    }

    private static Type? Interface(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) ||
               type == typeof(TimeSpan) || type == typeof(DateTime) || type == typeof(DateTimeOffset) ||
               type == typeof(Uri) || type == typeof(Guid) || (!typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace == "System" && type.IsValueType);
    }

    private static ServiceOptionsCatalog Load(ServiceProject service)
    {
        var path = service.BuiltAssembly;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{Repo.Relative(path)} is missing: build the test project (it builds the services first).");
        }

        var context = new FolderLoadContext(System.IO.Path.GetDirectoryName(path)!);
        var main = context.LoadFromAssemblyPath(path);
        var assemblies = new List<Assembly> { main };
        foreach (var reference in main.GetReferencedAssemblies().Where(r => r.Name?.StartsWith("VoiceFleet.", StringComparison.Ordinal) == true))
        {
            assemblies.Add(context.LoadFromAssemblyName(reference));
        }

        // The hosting defaults bind Service, Grpc:Server and Metrics for every service.
        foreach (var shared in new[] { "VoiceFleet.Hosting", "VoiceFleet.Rpc" })
        {
            if (assemblies.All(a => a.GetName().Name != shared))
            {
                assemblies.Add(context.LoadFromAssemblyName(new AssemblyName(shared)));
            }
        }

        var found = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in assemblies.SelectMany(LoadableTypes))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field &&
                field.GetRawConstantValue() is string name && name.Length > 0 && type.IsClass && !type.IsAbstract)
            {
                found.TryAdd(name, type);
            }

            if (SectionsWithoutConstant.FirstOrDefault(p => p.Value == type.FullName) is { Key: not null } extra)
            {
                found.TryAdd(extra.Key, type);
            }
        }

        return new ServiceOptionsCatalog(service, found);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }

    private sealed class FolderLoadContext(string folder) : AssemblyLoadContext(isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // The shared framework (loaded by the test host) comes from the default context.
            if (Default.Assemblies.Any(a => a.GetName().Name == assemblyName.Name) && !assemblyName.Name!.StartsWith("VoiceFleet.", StringComparison.Ordinal))
            {
                return null;
            }

            var candidate = System.IO.Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
