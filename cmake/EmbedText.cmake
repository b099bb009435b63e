# cmake -DIN=file -DOUT=file.cpp [-DNAMESPACE=ns] [-DFUNCTION=name] -P EmbedText.cmake
# Writes OUT defining `std::string_view <NAMESPACE>::<FUNCTION>() noexcept` that returns IN's text
# (by default shiftsim::detail::embedded_price_table).
if(NOT DEFINED NAMESPACE)
  set(NAMESPACE shiftsim::detail)
endif()
if(NOT DEFINED FUNCTION)
  set(FUNCTION embedded_price_table)
endif()
file(READ "${IN}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUT}.tmp"
"// Generated from ${IN}. Do not edit.\n#include <string_view>\nnamespace ${NAMESPACE} {\nnamespace { constexpr char kData[] = {${bytes} '\\0'}; }\nstd::string_view ${FUNCTION}() noexcept { return {kData, sizeof(kData) - 1}; }\n}\n")
file(RENAME "${OUT}.tmp" "${OUT}")
