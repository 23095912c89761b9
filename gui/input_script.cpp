#include "input_script.hpp"

#include <SDL_scancode.h>
#include <imgui.h>

#include <map>
#include <sstream>
#include <stdexcept>

namespace schedlab::gui {

namespace {

const std::map<std::string, int>& key_names() {
  static const std::map<std::string, int> keys{
      {"space", SDL_SCANCODE_SPACE}, {"left", SDL_SCANCODE_LEFT}, {"right", SDL_SCANCODE_RIGHT},
      {"home", SDL_SCANCODE_HOME},   {"end", SDL_SCANCODE_END},   {"f", SDL_SCANCODE_F},
      {"c", SDL_SCANCODE_C},         {"h", SDL_SCANCODE_H},       {"plus", SDL_SCANCODE_EQUALS},
      {"minus", SDL_SCANCODE_MINUS}, {"esc", SDL_SCANCODE_ESCAPE}};
  return keys;
}

int button(const std::string& name) {
  if (name.empty() || name == "left") return 0;
  if (name == "middle") return 2;
  if (name == "right") return 1;
  throw std::invalid_argument("unknown mouse button '" + name + "'");
}

}  // namespace

InputScript::InputScript(const std::string& text) {
  std::stringstream all(text);
  std::string item;
  while (std::getline(all, item, ';')) {
    std::stringstream in(item);
    Command c;
    if (!(in >> c.op)) continue;
    bool ok = true;
    if (c.op == "move") ok = static_cast<bool>(in >> c.a >> c.b);
    else if (c.op == "wheel" || c.op == "wait") ok = static_cast<bool>(in >> c.a);
    else if (c.op == "down" || c.op == "up") {
      in >> c.arg;
      button(c.arg);
    } else if (c.op == "key") {
      ok = static_cast<bool>(in >> c.arg) && key_names().count(c.arg) > 0;
    } else {
      ok = false;
    }
    if (!ok) throw std::invalid_argument("bad --input command '" + item + "'");
    commands_.push_back(c);
  }
}

std::size_t InputScript::frames() const {
  std::size_t n = 0;
  for (const Command& c : commands_) n += c.op == "wait" ? static_cast<std::size_t>(c.a) : c.op == "key" ? 2 : 1;
  return n;
}

void InputScript::apply() {
  ImGuiIO& io = ImGui::GetIO();
  if (key_ >= 0) {  // a key is down for one frame, then up for one (so repeats register)
    io.KeysDown[key_] = false;
    key_ = -1;
  } else if (wait_ > 0) {
    --wait_;
  } else if (next_ < commands_.size()) {
    const Command& c = commands_[next_++];
    if (c.op == "move") x_ = c.a, y_ = c.b;
    else if (c.op == "down") down_[button(c.arg)] = true;
    else if (c.op == "up") down_[button(c.arg)] = false;
    else if (c.op == "wheel") io.MouseWheel += c.a;
    else if (c.op == "wait") wait_ = static_cast<int>(c.a) - 1;
    else if (c.op == "key") {
      key_ = key_names().at(c.arg);
      io.KeysDown[key_] = true;
    }
  }
  if (x_ >= 0) io.MousePos = ImVec2(x_, y_);
  for (int i = 0; i < 3; ++i) io.MouseDown[i] = down_[i];
}

}  // namespace schedlab::gui
