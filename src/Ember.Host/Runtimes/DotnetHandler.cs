namespace Ember.Host.Runtimes;

/// <summary>
/// A managed .NET runtime's handler string: a class library's <c>Assembly::Namespace.Type::Method</c>, or an executable
/// assembly's name alone. Read once here for the start check and the launcher (the runtime itself reads the class
/// library form again, in its own process).
/// </summary>
internal sealed record DotnetHandler(string Assembly, bool IsClassLibrary)
{
    /// <summary>The handler as read; null when it is of neither form (three non-empty parts, or one).</summary>
    public static DotnetHandler? Parse(string handler)
    {
        var parts = handler.Split("::");
        if (parts.Length is not (1 or 3) || parts.Any(part => part.Trim().Length == 0))
        {
            return null;
        }
        return new DotnetHandler(parts[0].Trim(), parts.Length == 3);
    }

    /// <summary>The assembly's file in <paramref name="codeDirectory"/>.</summary>
    public string AssemblyPath(string codeDirectory) => Path.Combine(codeDirectory, Assembly + ".dll");
}
