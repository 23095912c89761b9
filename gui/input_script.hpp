// Scripted input for headless runs (--input): lets tests and documentation screenshots
// zoom, drag, click and press keys with no person at the window. One command per frame,
// applied to ImGuiIO after the SDL backend's NewFrame, so it overrides the real mouse:
//
//   move X Y | down [left|middle] | up [left|middle] | wheel N | key NAME | wait N
//
// separated by ';'. Mouse position and buttons persist until changed; a key is pressed
// for one frame and released the next. Key names: space left right home end f c h plus minus esc.
#pragma once

#include <string>
#include <vector>

namespace schedlab::gui {

class InputScript {
 public:
  // Throws std::invalid_argument naming the bad command.
  explicit InputScript(const std::string& text);
  InputScript() = default;

  bool done() const { return next_ >= commands_.size() && wait_ == 0; }
  std::size_t frames() const;  // frames the script needs
  // Apply this frame's command (call between the backend's NewFrame and ImGui::NewFrame).
  void apply();

 private:
  struct Command {
    std::string op;
    float a = 0, b = 0;
    std::string arg;
  };
  std::vector<Command> commands_;
  std::size_t next_ = 0;
  int wait_ = 0;
  float x_ = -1, y_ = -1;
  bool down_[3] = {false, false, false};
  int key_ = -1;  // scancode held this frame
};

}  // namespace schedlab::gui
