# cmake -DIN=file -DOUT=file.cpp -P EmbedText.cmake
# Writes OUT defining `std::string_view shiftsim::detail::embedded_price_table()` with IN's text.
file(READ "${IN}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUT}.tmp"
"// Generated from ${IN}. Do not edit.\n#include <string_view>\nnamespace shiftsim::detail {\nnamespace { constexpr char kData[] = {${bytes} '\\0'}; }\nstd::string_view embedded_price_table() noexcept { return {kData, sizeof(kData) - 1}; }\n}\n")
file(RENAME "${OUT}.tmp" "${OUT}")
