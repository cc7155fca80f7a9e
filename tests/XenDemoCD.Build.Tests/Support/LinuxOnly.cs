// These tests run real Linux programs (make, patch, apt-get, shell scripts, signals).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
