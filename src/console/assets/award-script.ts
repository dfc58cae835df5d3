/**
 * The award form's one enhancement: as bids are ticked, the headcount total and whether it fits the order's range
 * are announced beside the form. The words come from the page (data attributes), so both languages work; the
 * service checks the total again on submit.
 */
export const AWARD_JS = `(function(){
var out=document.getElementById("award-sum");if(!out)return;
var boxes=document.querySelectorAll('input[form="award-form"][data-size]');
var min=Number(out.dataset.min),max=Number(out.dataset.max);
function update(){var n=0;boxes.forEach(function(b){if(b.checked)n+=Number(b.dataset.size)});
var fits=n>=min&&n<=max;out.textContent=out.dataset.template.replace("{n}",String(n))+" "+(n===0?"":fits?out.dataset.ok:out.dataset.outside);
out.className=n===0?"":fits?"sum-ok":"sum-bad";}
boxes.forEach(function(b){b.addEventListener("change",update)});update();
})();
`;
