using Tmds.DBus.Protocol;

namespace Guard.Systemd;

/// <summary>Skips one value of a known signature: arrays in one jump (their length prefix), everything else field by field.</summary>
internal static class DBusSkipper
{
    internal static void Skip(ref Reader reader, string signature)
    {
        var i = 0;
        while (i < signature.Length)
        {
            i = SkipOne(ref reader, signature, i);
        }
    }

    // Skips the complete type starting at signature[i]; returns the index after it.
    private static int SkipOne(ref Reader reader, string signature, int i)
    {
        switch (signature[i])
        {
            case 'a':
                var element = signature[i + 1];
                var end = reader.ReadArrayStart(element switch
                {
                    '{' => DBusType.DictEntry,
                    '(' => DBusType.Struct,
                    _ => (DBusType)element,
                });
                reader.SkipTo(end);
                return i + 1 + CompleteTypeLength(signature, i + 1);
            case '(':
                reader.AlignStruct();
                var close = i + CompleteTypeLength(signature, i) - 1;
                var field = i + 1;
                while (field < close)
                {
                    field = SkipOne(ref reader, signature, field);
                }

                return close + 1;
            case 'v':
                Skip(ref reader, reader.ReadSignatureAsString());
                break;
            case 'y':
                reader.ReadByte();
                break;
            case 'b':
                reader.ReadBool();
                break;
            case 'n':
            case 'q':
                reader.ReadInt16();
                break;
            case 'i':
            case 'u':
            case 'h':
                reader.ReadUInt32();
                break;
            case 'x':
            case 't':
            case 'd':
                reader.ReadUInt64();
                break;
            case 's':
                reader.ReadStringAsSpan();
                break;
            case 'o':
                reader.ReadObjectPathAsSpan();
                break;
            case 'g':
                reader.ReadSignatureAsSpan();
                break;
            default:
                throw new InvalidDataException($"Unsupported D-Bus type '{signature[i]}' in a reply.");
        }

        return i + 1;
    }

    // Length of the complete type at signature[i]: 'a' + element, a balanced (...) or {...}, or one basic code.
    private static int CompleteTypeLength(string signature, int i)
    {
        switch (signature[i])
        {
            case 'a':
                return 1 + CompleteTypeLength(signature, i + 1);
            case '(':
            case '{':
                var depth = 0;
                for (var j = i; j < signature.Length; j++)
                {
                    depth += signature[j] is '(' or '{' ? 1 : signature[j] is ')' or '}' ? -1 : 0;
                    if (depth == 0)
                    {
                        return j - i + 1;
                    }
                }

                throw new InvalidDataException("Unbalanced D-Bus signature in a reply.");
            default:
                return 1;
        }
    }
}
