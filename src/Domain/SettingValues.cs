using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Outreach;

/// <summary>
/// Checks the typed values of a configuration section before it is bound: a yes/no, a number or a duration that is set
/// but empty or unreadable is a problem with a sentence naming the setting, what it holds, what it needs and its default.
/// Without this, .NET's binder turns an empty <c>Outreach__Projections__RunDaemon=</c> silently into <c>false</c> and
/// refuses <c>maybe</c> with an English exception at the first use.
/// </summary>
public static class SettingValues
{
    /// <summary>Every problem of <paramref name="section"/>'s values for the settings of <paramref name="settings"/> (their defaults read from it).</summary>
    /// <param name="section">The section, e.g. <c>Outreach</c>.</param>
    /// <param name="settings">A fresh settings object of the bound type: its values are the defaults quoted in the sentences.</param>
    /// <param name="culture">The language of the sentences (default the current UI culture).</param>
    public static IReadOnlyList<string> Problems(IConfigurationSection section, object settings, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        Check(section, settings, culture ?? CultureInfo.CurrentUICulture, problems);
        return problems;
    }

    /// <summary>
    /// Binds <paramref name="section"/> to the settings like <c>Bind</c>, after checking its values: when one is unreadable
    /// nothing is bound and validation (<c>ValidateOnStart</c>) reports every such value in the reader's language.
    /// </summary>
    public static OptionsBuilder<T> BindChecked<T>(this OptionsBuilder<T> builder, IConfigurationSection section) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Configure(o =>
        {
            if (Problems(section, new T()).Count == 0)
            {
                section.Bind(o);
            }
        });
        builder.Services.AddSingleton<IValidateOptions<T>>(new ValuesCheck<T>(builder.Name, section));
        return builder;
    }

    private sealed class ValuesCheck<T>(string? name, IConfigurationSection section) : IValidateOptions<T> where T : class, new()
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
            => name is not null && name != optionsName ? ValidateOptionsResult.Skip
                : Problems(section, new T()) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private static void Check(IConfigurationSection section, object settings, CultureInfo culture, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var property = settings.GetType().GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (Expectation(type) is { } expected)
            {
                if (child.Value is { } value && Problem(child.Path, value, type, property.PropertyType != type, expected, property.GetValue(settings), culture) is { } problem)
                {
                    problems.Add(problem);
                }
            }
            else if (type.IsClass && type != typeof(string) && type.Namespace == typeof(SettingValues).Namespace && property.GetValue(settings) is { } nested)
            {
                Check(child, nested, culture, problems);
            }
        }
    }

    private static string? Problem(string path, string value, Type type, bool optional, string expected, object? fallback, CultureInfo culture)
    {
        var shown = fallback is null ? OutreachText.Get("options.value.none", culture) : Shown(fallback);
        if (string.IsNullOrWhiteSpace(value))
        {
            // An optional value (a duration that may be absent) is simply unset by an empty value.
            return optional ? null : OutreachText.Format("options.value-empty", culture, path, OutreachText.Get(expected, culture), shown);
        }

        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value.Trim());
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException
                                       || ex.InnerException is FormatException or OverflowException)
        {
            return OutreachText.Format("options.value-invalid", culture, path, value, OutreachText.Get(expected, culture), shown);
        }
    }

    private static string Shown(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The text code saying what a value of <paramref name="type"/> must be, or none for a type not checked here.</summary>
    private static string? Expectation(Type type)
        => type == typeof(bool) ? "options.value.bool"
            : type == typeof(int) || type == typeof(long) ? "options.value.integer"
            : type == typeof(TimeSpan) ? "options.value.duration"
            : null;
}
