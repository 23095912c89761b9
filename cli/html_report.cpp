#include "html_report.hpp"
namespace schedlab::cli {
void write_html_report(OutputBuffer& out, const ReportInput&) { out.write("<html></html>\n"); }
}
