#pragma once
// Private: the SageMaker model's shapes as a constraint table, and a validator that walks a JSON
// tree against a shape. The table is read from the model text itself (normally the embedded
// subset generated at build time from engine/data/sagemaker-2017-07-24.service-2.json), so every
// constraint enforced is the model's.
#include "json_tree.hpp"

#include "shiftsim/diagnostic.hpp"

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shiftsim::detail {

/// The embedded model subset (generated source, see engine/tools/gen_model.cpp).
std::string_view embedded_sagemaker_model() noexcept;

/// One shape of the model, with the constraints the validator enforces.
struct Shape {
  std::string name;
  std::string type;  ///< structure list map string integer long float double boolean timestamp blob
  std::optional<double> min;  ///< value (numbers) or length (strings, lists, maps)
  std::optional<double> max;
  std::optional<std::string> pattern;       ///< as written in the model
  std::optional<std::regex> regex;          ///< compiled once, ECMAScript, whole value
  std::vector<std::string> enum_values;
  std::vector<std::string> required;
  std::vector<std::pair<std::string, std::string>> members;  ///< member -> shape, model order
  std::string member_shape;  ///< list
  std::string key_shape;     ///< map
  std::string value_shape;   ///< map

  [[nodiscard]] const std::string* member(std::string_view name) const noexcept;
  [[nodiscard]] bool is_required(std::string_view name) const noexcept;
};

/// How strictly to treat members that a newer `aws` may print (describe outputs).
struct ValidateOptions {
  /// Describe outputs: W_UNKNOWN_MEMBER / W_REQUIRED instead of errors, and null members are
  /// absent. Requests (false): null in an optional member is E_TYPE (the AWS CLI rejects it).
  bool lenient_unknown_and_required = false;
  std::string_view doc_name;                  ///< for messages
};

/// An immutable table of shapes. Construct once and pass around (or use embedded()).
class Model {
 public:
  /// Parses a model JSON text (`{"shapes": {...}}`); std::invalid_argument on a malformed model
  /// or a pattern std::regex cannot compile.
  explicit Model(std::string_view model_json);

  /// The embedded model, parsed on first use (function-local static const).
  [[nodiscard]] static const Model& embedded();

  [[nodiscard]] const Shape* find(std::string_view name) const noexcept;
  [[nodiscard]] const Shape& at(std::string_view name) const;  ///< std::invalid_argument if absent
  [[nodiscard]] const std::map<std::string, Shape, std::less<>>& shapes() const noexcept {
    return shapes_;
  }

  /// Appends every violation of `shape` by `value` (at `path`) to `out`.
  void validate(const Json& value, const Shape& shape, const std::string& path,
                const ValidateOptions& options, Diagnostics& out) const;

 private:
  std::map<std::string, Shape, std::less<>> shapes_;
};

}  // namespace shiftsim::detail
