{
  "targets": [
    {
      "target_name": "kiln_native",
      "sources": [
        "native/addon.cc",
        "native/code.cc",
        "native/context.cc",
        "native/cpu.cc",
        "native/memory.cc",
        "native/mmap.cc",
        "native/trampoline.cc"
      ],
      "dependencies": [
        "<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"
      ],
      "defines": ["NAPI_VERSION=8"],
      "cflags_cc": ["-Wall", "-Wextra"],
      "configurations": {
        "Release": {
          "cflags!": ["-O3"],
          "cflags": ["-O2"]
        }
      },
      "conditions": [
        ["kiln_valgrind==1", {
          "defines": ["KILN_VALGRIND=1"],
          "cflags_cc": ["-g"]
        }],
        ["kiln_sanitize=='address'", {
          "cflags_cc": ["-fsanitize=address", "-fno-omit-frame-pointer", "-g"],
          "ldflags": ["-fsanitize=address"]
        }]
      ]
    }
  ],
  "variables": {
    "kiln_sanitize%": "",
    "kiln_valgrind%": 0
  }
}
